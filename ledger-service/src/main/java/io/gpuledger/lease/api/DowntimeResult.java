package io.gpuledger.lease.api;

import java.time.Instant;

/** A downtime report as the lease recorded it; {@code recordedBefore} when the same report was recorded before. */
public record DowntimeResult(String reportId, Instant from, Instant to, boolean recordedBefore) {
}
