package io.gpuledger.lease.api;

import java.time.Instant;

/** Metered GPU time over one period, as a meter reported it. */
public record UsageReport(String reportId, Instant periodStart, Instant periodEnd, long gpuSeconds) {
}
