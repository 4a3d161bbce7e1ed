package io.gpuledger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.lease.Lease;
import io.gpuledger.lease.LeaseState;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.GpuHourPricing;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The aggregate cache holds aggregates up to a weight, their estimated bytes, not up to a count. */
class AggregateCacheWeightTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void holdsNoMoreThanItsWeightAllows() {
        CaffeineAxonCache cache = new CaffeineAxonCache(100_000, (key, value) -> 10_000);
        for (int i = 0; i < 100; i++) {
            cache.put("lease-" + i, new Object());
        }
        // Caffeine evicts in the background, soon after a put.
        await().untilAsserted(() -> assertThat(IntStream.range(0, 100).filter(i -> cache.containsKey("lease-" + i))
                .count()).isBetween(1L, 10L));
    }

    @Test
    void weighsALeaseByItsEstimatedBytesAndOtherAggregatesAlike() {
        Lease lease = Lease.restore(new LeaseState("mkt-a", "lease-1", "tenant-1", Billing.POSTPAID, 8, 500, T0, null,
                new GpuHourPricing(BigInteger.TEN), List.of(), null, null, null,
                new LeaseState.Usage(List.of(new LeaseState.Period(T0, T0.plusSeconds(60))), List.of(), 1, 480, 0,
                        BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO, Map.of(), Map.of()), null, null));

        assertThat(AggregateWeigher.weightOf(lease)).isEqualTo((int) lease.estimatedBytes()).isBetween(2_000, 10_000);
        assertThat(AggregateWeigher.weightOf("a tenant account")).isEqualTo(AggregateWeigher.OTHER_AGGREGATE_BYTES);
    }
}
