package io.gpuledger.lease.api;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A recorded report was voided: it stops counting, its period is free for a corrected report under
 * a new id, and nothing recorded before is rewritten. The report's quantities and price say what
 * stopped counting; the units are the compensating slice of the lease's cumulative charges (zero or
 * negative), so a lease's slices still add up to its totals.
 */
public record UsageVoidedEvent(String marketplaceId, String leaseId, String reportId, String reason,
                               Instant periodStart, Instant periodEnd, long gpuSeconds,
                               BigInteger priceUnitsPerGpuHour, BigInteger chargedUnits, BigInteger feeUnits,
                               BigInteger providerUnits) {
}
