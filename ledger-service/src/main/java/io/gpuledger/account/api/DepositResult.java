package io.gpuledger.account.api;

/** What a deposit did: recorded now, or recorded before under its id (nothing changed); the balance after it. */
public record DepositResult(boolean recordedBefore, TenantBalance balance) {
}
