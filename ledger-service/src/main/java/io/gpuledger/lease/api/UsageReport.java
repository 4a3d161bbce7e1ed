package io.gpuledger.lease.api;

import java.time.Instant;

/**
 * Metered use over one period, as a meter reported it: GPU-seconds on a GPU-hour lease, or energy
 * ({@code energyWh}, with {@code gpuSeconds} 0) on a capacity lease; {@code energyWh} is null on a
 * report of GPU-seconds. {@code signatures} when the report was signed (a lease that names a
 * meterSigner takes only signed reports), null otherwise.
 */
public record UsageReport(String reportId, Instant periodStart, Instant periodEnd, long gpuSeconds,
                          UsageSignatures signatures, Long energyWh) {

    public UsageReport(String reportId, Instant periodStart, Instant periodEnd, long gpuSeconds) {
        this(reportId, periodStart, periodEnd, gpuSeconds, null, null);
    }

    public UsageReport(String reportId, Instant periodStart, Instant periodEnd, long gpuSeconds,
                       UsageSignatures signatures) {
        this(reportId, periodStart, periodEnd, gpuSeconds, signatures, null);
    }

    /** A report of energy on a capacity lease. */
    public static UsageReport ofEnergy(String reportId, Instant periodStart, Instant periodEnd, long energyWh) {
        return new UsageReport(reportId, periodStart, periodEnd, 0, null, energyWh);
    }

    public boolean reportsEnergy() {
        return energyWh != null;
    }

    /** The metered quantity: energyWh on an energy report, else gpuSeconds. */
    public long quantity() {
        return energyWh != null ? energyWh : gpuSeconds;
    }

    public UsageReport withSignatures(UsageSignatures recovered) {
        return new UsageReport(reportId, periodStart, periodEnd, gpuSeconds, recovered, energyWh);
    }
}
