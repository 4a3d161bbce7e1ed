package io.gpuledger.chain;

/** Where an intent stands. The diagram and the moves between states are in docs/CHAIN.md. */
public enum IntentStatus {
    /** Signed and stored; no node has accepted it yet. */
    PENDING,
    /** A node accepted an attempt; none is in a block yet (or a reorg took it out again). */
    BROADCAST,
    /** An attempt is in a block, fewer than the configured confirmations deep. */
    MINED,
    /** An attempt succeeded and is the configured confirmations deep. Final. */
    CONFIRMED,
    /** An attempt reverted and is the configured confirmations deep; the reason is recorded. Final. */
    REVERTED,
    /** No node will ever take the transaction; its nonce went to a filler transaction. Final. */
    FAILED;

    public boolean isFinal() {
        return this == CONFIRMED || this == REVERTED || this == FAILED;
    }
}
