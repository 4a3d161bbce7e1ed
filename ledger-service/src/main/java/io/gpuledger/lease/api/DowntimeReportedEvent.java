package io.gpuledger.lease.api;

import java.time.Instant;

/** The marketplace reported the lease's GPUs down from {@code from} to {@code to}; it counts against the SLA windows it lies in. */
public record DowntimeReportedEvent(String marketplaceId, String leaseId, String reportId, Instant from, Instant to) {
}
