package io.gpuledger.lease.api;

/** A credit lowers, a debit raises, what a lease has been charged. */
public enum AdjustmentKind {
    CREDIT, DEBIT
}
