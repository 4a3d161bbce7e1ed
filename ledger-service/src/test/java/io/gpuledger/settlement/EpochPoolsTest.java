package io.gpuledger.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.settlement.api.PoolBasis;
import io.gpuledger.settlement.api.PoolShare;
import io.gpuledger.settlement.api.PoolWeight;
import io.gpuledger.settlement.api.RewardPoolPostedEvent;
import io.gpuledger.settlement.api.SettledPool;
import io.gpuledger.settlement.api.WaitingPool;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which pools an epoch pays, by what, and which wait (docs/MONEY.md, "Reward pools"). */
class EpochPoolsTest {

    private static final String A = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private static final String B = "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB";
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void anEpochPaysTheWaitingPoolsFirstThenThosePostedInItsEventsInTheirOrder() {
        EpochPools pools = new EpochPools(List.of(new WaitingPool("waited", units(4))));
        pools.add(posted("second", 10, PoolBasis.WEIGHTS, List.of(new PoolWeight(A, units(1)))));
        pools.add(posted("third", 6, PoolBasis.GPU_SECONDS, List.of()));

        EpochPools.Settled settled = pools.settle(Map.of(A, units(1), B, units(3)));

        assertThat(settled.pools()).containsExactly(
                new SettledPool("waited", PoolBasis.GPU_SECONDS, units(4), List.of(share(A, 1), share(B, 3))),
                new SettledPool("second", PoolBasis.WEIGHTS, units(10), List.of(share(A, 10))),
                // 1.5 and 4.5: equal remainders, the unit to the lower address.
                new SettledPool("third", PoolBasis.GPU_SECONDS, units(6), List.of(share(A, 2), share(B, 4))));
        assertThat(settled.waiting()).isEmpty();
        assertThat(settled.sharesByAccount()).containsExactlyInAnyOrderEntriesOf(Map.of(A, units(13), B, units(7)));
    }

    @Test
    void aGpuSecondsPoolWaitsWhenItsEpochHasNoGpuSecondsAndAWeightedOneDoesNot() {
        EpochPools pools = new EpochPools(List.of(new WaitingPool("waited", units(4))));
        pools.add(posted("weighted", 10, PoolBasis.WEIGHTS, List.of(new PoolWeight(B, units(2)))));
        pools.add(posted("by-seconds", 6, PoolBasis.GPU_SECONDS, List.of()));

        EpochPools.Settled settled = pools.settle(Map.of());

        assertThat(settled.pools()).extracting(SettledPool::poolId).containsExactly("weighted");
        assertThat(settled.waiting()).containsExactly(new WaitingPool("waited", units(4)),
                new WaitingPool("by-seconds", units(6)));
        assertThat(pools.needsGpuSeconds()).isTrue();
    }

    @Test
    void anEpochWithoutPoolsNeedsNoGpuSecondsAndSettlesNothing() {
        EpochPools pools = new EpochPools(List.of());
        pools.add(usage("lease-1", 3_600));

        assertThat(pools.needsGpuSeconds()).isFalse();
        assertThat(pools.settle(Map.of()).isEmpty()).isTrue();
    }

    @Test
    void aLeasesGpuSecondsAreThoseRecordedInTheEpochLessThoseVoidedInIt() {
        EpochPools pools = new EpochPools(List.of());
        pools.add(usage("lease-1", 3_600, 1_800));
        pools.add(usage("lease-2", 100));
        pools.add(new UsageVoidedEvent("mkt", "lease-1", "r-0", "metered twice", T0, T0.plusSeconds(3600), 1_800,
                units(2_100_000), units(-1_050), units(-52), units(-998)));
        pools.add(new UsageVoidedEvent("mkt", "lease-3", "r-9", "metered twice", T0, T0.plusSeconds(3600), 500,
                units(2_100_000), units(-291), units(-14), units(-277)));

        assertThat(pools.gpuSecondsByLease()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "mkt/lease-1", 3_600L, "mkt/lease-2", 100L, "mkt/lease-3", -500L));
    }

    private static UsageRecordedEvent usage(String leaseId, long... gpuSeconds) {
        List<RecordedUsage> reports = new java.util.ArrayList<>();
        for (int i = 0; i < gpuSeconds.length; i++) {
            reports.add(new RecordedUsage("r-" + i, T0.plusSeconds(3600L * i), T0.plusSeconds(3600L * (i + 1)),
                    gpuSeconds[i], units(2_100_000), units(1), units(0), units(1)));
        }
        return new UsageRecordedEvent("mkt", leaseId, reports);
    }

    private static RewardPoolPostedEvent posted(String poolId, long amount, PoolBasis basis, List<PoolWeight> weights) {
        return new RewardPoolPostedEvent(poolId, units(amount), basis, weights);
    }

    private static PoolShare share(String account, long units) {
        return new PoolShare(account, units(units));
    }

    private static BigInteger units(long units) {
        return BigInteger.valueOf(units);
    }
}
