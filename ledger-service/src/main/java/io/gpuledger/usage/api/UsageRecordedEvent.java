package io.gpuledger.usage.api;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A usage report was accepted. The units are this report's slice of the lease's cumulative
 * charges (the money rule), so the units of all of a lease's reports add up to its totals.
 */
public record UsageRecordedEvent(String marketplaceId, String leaseId, String reportId, Instant periodStart,
                                 Instant periodEnd, long gpuSeconds, BigInteger priceUnitsPerGpuHour,
                                 BigInteger chargedUnits, BigInteger feeUnits, BigInteger providerUnits) {
}
