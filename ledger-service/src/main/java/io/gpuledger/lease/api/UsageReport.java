package io.gpuledger.lease.api;

import java.time.Instant;

/**
 * Metered GPU time over one period, as a meter reported it; {@code signatures} when the report was
 * signed (a lease that names a meterSigner takes only signed reports), null otherwise.
 */
public record UsageReport(String reportId, Instant periodStart, Instant periodEnd, long gpuSeconds,
                          UsageSignatures signatures) {

    public UsageReport(String reportId, Instant periodStart, Instant periodEnd, long gpuSeconds) {
        this(reportId, periodStart, periodEnd, gpuSeconds, null);
    }
}
