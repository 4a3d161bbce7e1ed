package io.gpuledger.lease.api;

/** Voids a recorded report: it stops counting and its period is free again. Voiding it again answers the first result. */
public record VoidUsageCommand(String marketplaceId, String leaseId, String reportId, String reason) {

    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
