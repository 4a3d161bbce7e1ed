package io.gpuledger.auth;

public enum Role {
    /** Reads and writes its own marketplace's data. */
    MARKETPLACE,
    /** Reads everything, writes nothing. */
    AUDITOR,
    /** Runs settlement and payouts. */
    OPERATOR,
    /** Reads the payouts and proofs of one payout address, the key's marketplace field. */
    PROVIDER
}
