package io.gpuledger.chain;

/** One signed transaction, ready to be stored and then sent. {@code raw} is public once sent; it holds no secret. */
record SignedTx(String hash, long nonce, Fees fees, String raw) {
}
