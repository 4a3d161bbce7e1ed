package io.gpuledger.lease;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.lease.api.CapacityPricing;
import io.gpuledger.lease.api.ChangeLeasePriceCommand;
import io.gpuledger.lease.api.GpuHourPricing;
import io.gpuledger.lease.api.LeasePriceChangedEvent;
import io.gpuledger.lease.api.LeasePricing;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageReport;
import java.math.BigInteger;
import java.time.Instant;

/**
 * A lease's pricing over time, the one seam between its kind and the rest of the lease: what a report
 * must carry and may hold, what it is worth, and what a price change may name. Values are exact
 * integers over {@link #denominator()}; the money rule floors their cumulative sum once.
 */
sealed interface Tariff permits GpuHourTariff, CapacityTariff {

    static Tariff of(LeasePricing pricing, Instant startsAt, int gpuCount) {
        if (pricing instanceof CapacityPricing capacity) {
            return new CapacityTariff(startsAt, capacity);
        }
        return new GpuHourTariff(startsAt, (GpuHourPricing) pricing, gpuCount);
    }

    BigInteger denominator();

    /** Whether its reports carry energyWh (else gpuSeconds). */
    boolean takesEnergy();

    /** The report's quantity against the capacity over {@code periodSeconds} whole seconds; null when it fits. */
    LedgerRejection checkCapacity(UsageReport report, long periodSeconds);

    /** The report priced at the rates in force at its periodStart, as the usage event records it. */
    RecordedUsage price(UsageReport report);

    /** The exact value of a recorded report, from the rates it records. */
    BigInteger valueOf(RecordedUsage recorded);

    /** The event of a price change, or the rejection of a rate this kind does not have. */
    LeasePriceChangedEvent change(String marketplaceId, String leaseId, ChangeLeasePriceCommand command);

    void apply(LeasePriceChangedEvent event);

    Instant latestChange();
}
