package io.gpuledger.lease.api;

public enum CloseReason {
    TENANT_ENDED, PROVIDER_ENDED, EXPIRED, SLA_BREACH, INSUFFICIENT_FUNDS
}
