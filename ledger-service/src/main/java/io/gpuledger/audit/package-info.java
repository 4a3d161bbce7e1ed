/** Tamper evidence: the canonical event hash, the seal chain, verification, lease histories and inclusion proofs. */
package io.gpuledger.audit;
