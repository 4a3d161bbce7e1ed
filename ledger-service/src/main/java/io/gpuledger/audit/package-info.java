/** Verification of the whole history against its seals, the epochs' roots and the chain; lease histories, inclusion proofs and exports. */
package io.gpuledger.audit;
