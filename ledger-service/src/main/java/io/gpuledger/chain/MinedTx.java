package io.gpuledger.chain;

/** A receipt as the node now reports it: which block holds the transaction, and whether it succeeded. */
record MinedTx(String txHash, long blockNumber, String blockHash, boolean succeeded) {
}
