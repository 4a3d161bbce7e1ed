package io.gpuledger.lease;

import static io.gpuledger.common.RejectionCode.PRICE_CHANGE_KIND_MISMATCH;
import static io.gpuledger.common.RejectionCode.USAGE_EXCEEDS_CAPACITY;
import static io.gpuledger.common.RejectionCode.VALIDATION_FAILED;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.MoneyRule;
import io.gpuledger.lease.api.CapacityPricing;
import io.gpuledger.lease.api.ChangeLeasePriceCommand;
import io.gpuledger.lease.api.LeasePriceChangedEvent;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageReport;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A site leased by power: a fee per hour of lease time and energy per kWh, each at the rate in force
 * (energy at its report's periodStart, the fee piece by piece). Values over 3,600,000
 * ({@link MoneyRule#CAPACITY_DENOMINATOR}). The fee counts whole seconds since the lease's start, so
 * accruals at any instants add up to the fee of the whole span.
 */
final class CapacityTariff implements Tariff {

    private static final BigInteger TEN = BigInteger.TEN;
    private static final BigInteger THIRTY_SIX = BigInteger.valueOf(36);

    private record Rates(BigInteger feeUnitsPerHour, BigInteger energyUnitsPerKwh) {
    }

    private final Instant startsAt;
    private final long capacityKw;
    private final TreeMap<Instant, Rates> ratesFrom = new TreeMap<>();

    CapacityTariff(Instant startsAt, CapacityPricing pricing) {
        this.startsAt = startsAt;
        this.capacityKw = pricing.capacityKw();
        ratesFrom.put(startsAt, new Rates(pricing.feeUnitsPerHour(), pricing.energyUnitsPerKwh()));
    }

    @Override
    public BigInteger denominator() {
        return MoneyRule.CAPACITY_DENOMINATOR;
    }

    /** energyWh ≤ capacityKw × seconds / 3.6, compared exactly as 36 × energyWh ≤ 10 × capacityKw × seconds. */
    @Override
    public boolean takesEnergy() {
        return true;
    }

    @Override
    public LedgerRejection checkCapacity(UsageReport report, long periodSeconds) {
        if (report.energyWh() < 0) {
            return new LedgerRejection(VALIDATION_FAILED, "energyWh", "energyWh must not be negative");
        }
        BigInteger limit = BigInteger.valueOf(capacityKw).multiply(BigInteger.valueOf(periodSeconds)).multiply(TEN);
        if (BigInteger.valueOf(report.energyWh()).multiply(THIRTY_SIX).compareTo(limit) > 0) {
            return new LedgerRejection(USAGE_EXCEEDS_CAPACITY, "energyWh", "energyWh " + report.energyWh()
                    + " exceeds " + capacityKw + " kW over the period's " + periodSeconds + " seconds");
        }
        return null;
    }

    @Override
    public RecordedUsage price(UsageReport report) {
        return new RecordedUsage(report.reportId(), report.periodStart(), report.periodEnd(), 0, null, null, null,
                null, null, null, report.energyWh(), ratesAt(report.periodStart()).energyUnitsPerKwh());
    }

    @Override
    public BigInteger valueOf(RecordedUsage recorded) {
        return MoneyRule.energyValue(recorded.energyWh(), recorded.energyUnitsPerKwh());
    }

    /**
     * The exact fee over [from, to) times 3600: for each rate's piece, the whole seconds since the
     * start at its end less those at its beginning, times its feeUnitsPerHour.
     */
    BigInteger feeValue(Instant from, Instant to) {
        BigInteger value = BigInteger.ZERO;
        Instant pieceStart = from;
        while (pieceStart.isBefore(to)) {
            Map.Entry<Instant, Rates> rate = ratesFrom.floorEntry(pieceStart);
            Instant next = ratesFrom.higherKey(pieceStart);
            Instant pieceEnd = next == null || next.isAfter(to) ? to : next;
            long seconds = wholeSecondsSinceStart(pieceEnd) - wholeSecondsSinceStart(pieceStart);
            value = value.add(BigInteger.valueOf(seconds).multiply(rate.getValue().feeUnitsPerHour()));
            pieceStart = pieceEnd;
        }
        return value;
    }

    private long wholeSecondsSinceStart(Instant moment) {
        return moment.getEpochSecond() - startsAt.getEpochSecond() - (moment.getNano() < startsAt.getNano() ? 1 : 0);
    }

    @Override
    public LeasePriceChangedEvent change(String marketplaceId, String leaseId, ChangeLeasePriceCommand command) {
        if (command.priceUnitsPerGpuHour() != null) {
            throw new LedgerRejection(PRICE_CHANGE_KIND_MISMATCH, "priceUnitsPerGpuHour",
                    "a CAPACITY lease changes feeUnitsPerHour and energyUnitsPerKwh, not priceUnitsPerGpuHour");
        }
        if (command.feeUnitsPerHour() == null && command.energyUnitsPerKwh() == null) {
            throw new LedgerRejection(VALIDATION_FAILED, "feeUnitsPerHour",
                    "a CAPACITY lease's price change names feeUnitsPerHour, energyUnitsPerKwh or both");
        }
        requireNotNegative(command.feeUnitsPerHour(), "feeUnitsPerHour");
        requireNotNegative(command.energyUnitsPerKwh(), "energyUnitsPerKwh");
        Rates current = ratesFrom.lastEntry().getValue();
        return new LeasePriceChangedEvent(marketplaceId, leaseId, null, command.effectiveFrom(),
                command.feeUnitsPerHour() != null ? command.feeUnitsPerHour() : current.feeUnitsPerHour(),
                command.energyUnitsPerKwh() != null ? command.energyUnitsPerKwh() : current.energyUnitsPerKwh());
    }

    private static void requireNotNegative(BigInteger rate, String field) {
        if (rate != null && rate.signum() < 0) {
            throw new LedgerRejection(VALIDATION_FAILED, field, field + " must not be negative");
        }
    }

    @Override
    public void apply(LeasePriceChangedEvent event) {
        ratesFrom.put(event.effectiveFrom(), new Rates(event.feeUnitsPerHour(), event.energyUnitsPerKwh()));
    }

    @Override
    public Instant latestChange() {
        return ratesFrom.lastKey();
    }

    private Rates ratesAt(Instant moment) {
        return ratesFrom.floorEntry(moment).getValue();
    }
}
