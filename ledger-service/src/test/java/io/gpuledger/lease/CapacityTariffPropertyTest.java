package io.gpuledger.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.lease.api.CapacityPricing;
import io.gpuledger.lease.api.LeasePriceChangedEvent;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * A capacity lease's fee against a second-by-second oracle: each whole second since the lease's start
 * is charged at the rate in force at its last instant, and the fee accrued over any split of the lease's
 * time adds up to the fee of the whole span. Starts, rate changes and accrual instants fall on and off
 * whole seconds.
 */
class CapacityTariffPropertyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Property(tries = 300)
    void theFeeOfAnySplitIsTheSumOfItsSecondsAtTheRatesInForce(
            @ForAll @IntRange(min = 0, max = 999) int startMillis,
            @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 4_000_000) Integer> changeStepsMillis,
            @ForAll @Size(min = 7, max = 7) List<@LongRange(min = 0, max = 50_000_000) Long> rates,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 3_000_000) Integer> accrualStepsMillis) {
        Instant start = T0.plusMillis(startMillis);
        CapacityTariff tariff = new CapacityTariff(start, new CapacityPricing(1_000, BigInteger.valueOf(rates.get(0)),
                BigInteger.ONE));
        TreeMap<Instant, Long> ratesFrom = new TreeMap<>();
        ratesFrom.put(start, rates.get(0));
        Instant change = start;
        for (int i = 0; i < changeStepsMillis.size(); i++) {
            change = change.plusMillis(changeStepsMillis.get(i));
            tariff.apply(new LeasePriceChangedEvent("mkt-a", "lease-1", null, change,
                    BigInteger.valueOf(rates.get(i + 1)), BigInteger.ONE));
            ratesFrom.put(change, rates.get(i + 1));
        }
        List<Instant> accruals = new ArrayList<>();
        Instant at = start;
        for (int step : accrualStepsMillis) {
            at = at.plusMillis(step);
            accruals.add(at);
        }

        BigInteger summed = BigInteger.ZERO;
        Instant from = start;
        for (Instant through : accruals) {
            summed = summed.add(tariff.feeValue(from, through));
            from = through;
        }

        assertThat(summed).isEqualTo(tariff.feeValue(start, from)).isEqualTo(oracle(start, from, ratesFrom));
    }

    private static BigInteger oracle(Instant start, Instant through, TreeMap<Instant, Long> ratesFrom) {
        BigInteger value = BigInteger.ZERO;
        for (Instant secondEnd = start.plusSeconds(1); !secondEnd.isAfter(through); secondEnd = secondEnd.plusSeconds(1)) {
            value = value.add(BigInteger.valueOf(ratesFrom.floorEntry(secondEnd.minusNanos(1)).getValue()));
        }
        return value;
    }
}
