package io.gpuledger.lease.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import java.time.Instant;

/**
 * One accepted report within a {@link UsageRecordedEvent}: what was metered, the price applied, its
 * slice of the charges, and on a lease with signers the meter's EIP-712 {@code signature} and the
 * tenant's {@code tenantSignature} (each null, and not stored, when absent). A capacity lease's
 * report carries {@code energyWh} at {@code energyUnitsPerKwh}, with gpuSeconds 0 and a null price
 * per GPU-hour; both are null, and not stored, on a report of GPU-seconds.
 */
public record RecordedUsage(String reportId, Instant periodStart, Instant periodEnd, long gpuSeconds,
                            BigInteger priceUnitsPerGpuHour, BigInteger chargedUnits, BigInteger feeUnits,
                            BigInteger providerUnits,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String signature,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String tenantSignature,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Long energyWh,
                            @JsonInclude(JsonInclude.Include.NON_NULL) BigInteger energyUnitsPerKwh) {

    public RecordedUsage(String reportId, Instant periodStart, Instant periodEnd, long gpuSeconds,
                         BigInteger priceUnitsPerGpuHour, BigInteger chargedUnits, BigInteger feeUnits,
                         BigInteger providerUnits) {
        this(reportId, periodStart, periodEnd, gpuSeconds, priceUnitsPerGpuHour, chargedUnits, feeUnits, providerUnits,
                null, null);
    }

    public RecordedUsage(String reportId, Instant periodStart, Instant periodEnd, long gpuSeconds,
                         BigInteger priceUnitsPerGpuHour, BigInteger chargedUnits, BigInteger feeUnits,
                         BigInteger providerUnits, String signature, String tenantSignature) {
        this(reportId, periodStart, periodEnd, gpuSeconds, priceUnitsPerGpuHour, chargedUnits, feeUnits, providerUnits,
                signature, tenantSignature, null, null);
    }

    public UsageReport report() {
        return new UsageReport(reportId, periodStart, periodEnd, gpuSeconds, null, energyWh);
    }

    /** Countersigned by the tenant: final at once, never in a dispute window. */
    public boolean countersigned() {
        return tenantSignature != null;
    }
}
