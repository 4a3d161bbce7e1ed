package io.gpuledger.lease.api;

import java.time.Instant;

/**
 * Closes every SLA window of the lease that ended at or before {@code accrueThrough} and is not
 * closed yet, crediting each as its uptime earns; a window closed before is never closed again.
 */
public record CloseSlaWindowsCommand(String marketplaceId, String leaseId, Instant accrueThrough) {

    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
