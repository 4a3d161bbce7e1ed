package io.gpuledger.lease.api;

import java.time.Instant;

/** Ends a report's dispute: ACCEPT lets it settle, VOID voids it. Resolving it again the same way answers the first result. */
public record ResolveDisputeCommand(String marketplaceId, String leaseId, String reportId, DisputeOutcome outcome,
                                    Instant resolvedAt) {

    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
