package io.gpuledger.lease.api;

import java.math.BigInteger;
import java.time.Instant;

/** One accepted report within a {@link UsageRecordedEvent}: what was metered, the price applied, its slice of the charges. */
public record RecordedUsage(String reportId, Instant periodStart, Instant periodEnd, long gpuSeconds,
                            BigInteger priceUnitsPerGpuHour, BigInteger chargedUnits, BigInteger feeUnits,
                            BigInteger providerUnits) {

    public UsageReport report() {
        return new UsageReport(reportId, periodStart, periodEnd, gpuSeconds);
    }
}
