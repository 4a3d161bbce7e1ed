package io.gpuledger.lease.api;

import java.time.Instant;

/** The lease ended: no usage starting at or after {@code closedAt} is accepted. */
public record LeaseClosedEvent(String marketplaceId, String leaseId, CloseReason reason, Instant closedAt) {
}
