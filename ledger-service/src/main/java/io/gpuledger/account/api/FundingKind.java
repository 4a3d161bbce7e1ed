package io.gpuledger.account.api;

/** Money the tenant paid to the marketplace ({@code DEPOSIT}), or a grant the marketplace funds from its fees ({@code CREDIT}). */
public enum FundingKind {
    DEPOSIT, CREDIT
}
