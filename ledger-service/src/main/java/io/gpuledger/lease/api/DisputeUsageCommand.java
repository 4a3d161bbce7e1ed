package io.gpuledger.lease.api;

import java.time.Instant;

/** Disputes a recorded report not countersigned by the tenant, within the lease's dispute window; {@code disputedAt} is now. */
public record DisputeUsageCommand(String marketplaceId, String leaseId, String reportId, String reason,
                                  Instant disputedAt) {

    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
