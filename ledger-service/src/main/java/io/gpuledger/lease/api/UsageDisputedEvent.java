package io.gpuledger.lease.api;

import java.time.Instant;

/**
 * A recorded report was disputed within its dispute window: it stays out of epochs until the
 * dispute is resolved ({@link UsageDisputeResolvedEvent}).
 */
public record UsageDisputedEvent(String marketplaceId, String leaseId, String reportId, String reason,
                                 Instant disputedAt) {
}
