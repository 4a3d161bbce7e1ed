package io.gpuledger.lease.api;

import java.time.Instant;

/**
 * A report's dispute was resolved: ACCEPT, and it settles in the next epoch; VOID, and a
 * {@link UsageVoidedEvent} follows in the same unit of work, so it never settles.
 */
public record UsageDisputeResolvedEvent(String marketplaceId, String leaseId, String reportId, DisputeOutcome outcome,
                                        Instant resolvedAt) {
}
