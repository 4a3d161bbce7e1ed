package io.gpuledger.lease.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import java.time.Instant;

/**
 * A recorded report was voided: it stops counting, its period is free for a corrected report under
 * a new id, and nothing recorded before is rewritten. The report's quantities and price say what
 * stopped counting; the units are the compensating slice of the lease's cumulative charges (zero or
 * negative), so a lease's slices still add up to its totals. A capacity lease's report names its
 * {@code energyWh} and {@code energyUnitsPerKwh} (null, and not stored, for GPU-seconds).
 */
public record UsageVoidedEvent(String marketplaceId, String leaseId, String reportId, String reason,
                               Instant periodStart, Instant periodEnd, long gpuSeconds,
                               BigInteger priceUnitsPerGpuHour, BigInteger chargedUnits, BigInteger feeUnits,
                               BigInteger providerUnits,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Long energyWh,
                               @JsonInclude(JsonInclude.Include.NON_NULL) BigInteger energyUnitsPerKwh) {

    public UsageVoidedEvent(String marketplaceId, String leaseId, String reportId, String reason,
                            Instant periodStart, Instant periodEnd, long gpuSeconds, BigInteger priceUnitsPerGpuHour,
                            BigInteger chargedUnits, BigInteger feeUnits, BigInteger providerUnits) {
        this(marketplaceId, leaseId, reportId, reason, periodStart, periodEnd, gpuSeconds, priceUnitsPerGpuHour,
                chargedUnits, feeUnits, providerUnits, null, null);
    }
}
