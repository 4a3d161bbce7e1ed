/** Money (the one rounding rule, amounts in token units) and the ledger's rejection codes. */
package io.gpuledger.common;
