package io.gpuledger.journal;

/** What an account of the journal stands for; its name starts with the kind in lower case. */
public enum AccountKind {
    TENANT, FEES, PAYABLE, HELD, TREASURY, DEPOSITS, ESCROW, PAID
}
