package io.gpuledger.lease.api;

public enum AdjustmentReason {
    USAGE_CORRECTION, SLA_CREDIT, GOODWILL, DISPUTE_RESOLUTION
}
