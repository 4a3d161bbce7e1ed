package io.gpuledger.lease;

import static io.gpuledger.common.RejectionCode.PRICE_CHANGE_KIND_MISMATCH;
import static io.gpuledger.common.RejectionCode.USAGE_EXCEEDS_CAPACITY;
import static io.gpuledger.common.RejectionCode.VALIDATION_FAILED;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.MoneyRule;
import io.gpuledger.lease.api.ChangeLeasePriceCommand;
import io.gpuledger.lease.api.GpuHourPricing;
import io.gpuledger.lease.api.LeasePriceChangedEvent;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageReport;
import java.math.BigInteger;
import java.time.Instant;

/** GPU-seconds at the price per GPU-hour in force at each report's periodStart; values over 3600. */
final class GpuHourTariff implements Tariff {

    private final PriceSchedule prices;
    private final int gpuCount;

    GpuHourTariff(Instant startsAt, GpuHourPricing pricing, int gpuCount) {
        this.prices = new PriceSchedule(startsAt, pricing.priceUnitsPerGpuHour());
        this.gpuCount = gpuCount;
    }

    @Override
    public BigInteger denominator() {
        return MoneyRule.SECONDS_PER_HOUR;
    }

    @Override
    public boolean takesEnergy() {
        return false;
    }

    /** GPU-seconds the lease's GPUs can deliver: a product beyond a long exceeds every report's gpuSeconds. */
    @Override
    public LedgerRejection checkCapacity(UsageReport report, long periodSeconds) {
        long capacity = periodSeconds > Long.MAX_VALUE / gpuCount ? Long.MAX_VALUE : gpuCount * periodSeconds;
        if (report.gpuSeconds() > capacity) {
            return new LedgerRejection(USAGE_EXCEEDS_CAPACITY, "gpuSeconds", "gpuSeconds " + report.gpuSeconds()
                    + " exceeds the capacity of " + capacity + " GPU-seconds (" + gpuCount + " GPUs over the period)");
        }
        return null;
    }

    @Override
    public RecordedUsage price(UsageReport report) {
        return new RecordedUsage(report.reportId(), report.periodStart(), report.periodEnd(), report.gpuSeconds(),
                prices.priceAt(report.periodStart()), null, null, null);
    }

    @Override
    public BigInteger valueOf(RecordedUsage recorded) {
        return MoneyRule.usageValue(recorded.gpuSeconds(), recorded.priceUnitsPerGpuHour());
    }

    @Override
    public LeasePriceChangedEvent change(String marketplaceId, String leaseId, ChangeLeasePriceCommand command) {
        if (command.feeUnitsPerHour() != null || command.energyUnitsPerKwh() != null) {
            throw new LedgerRejection(PRICE_CHANGE_KIND_MISMATCH,
                    command.feeUnitsPerHour() != null ? "feeUnitsPerHour" : "energyUnitsPerKwh",
                    "a GPU_HOUR lease changes priceUnitsPerGpuHour only");
        }
        if (command.priceUnitsPerGpuHour() == null || command.priceUnitsPerGpuHour().signum() < 0) {
            throw new LedgerRejection(VALIDATION_FAILED, "priceUnitsPerGpuHour",
                    "priceUnitsPerGpuHour is required and must not be negative");
        }
        return new LeasePriceChangedEvent(marketplaceId, leaseId, command.priceUnitsPerGpuHour(),
                command.effectiveFrom());
    }

    @Override
    public void apply(LeasePriceChangedEvent event) {
        prices.change(event.effectiveFrom(), event.priceUnitsPerGpuHour());
    }

    @Override
    public Instant latestChange() {
        return prices.latestChange();
    }
}
