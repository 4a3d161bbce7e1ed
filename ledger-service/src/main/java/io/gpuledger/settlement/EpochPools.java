package io.gpuledger.settlement;

import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.settlement.api.PoolBasis;
import io.gpuledger.settlement.api.PoolShare;
import io.gpuledger.settlement.api.PoolWeight;
import io.gpuledger.settlement.api.RewardPoolPostedEvent;
import io.gpuledger.settlement.api.SettledPool;
import io.gpuledger.settlement.api.WaitingPool;
import io.gpuledger.settlement.pool.PoolShares;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reward pools an epoch takes up: those that waited in the last close, then those posted among
 * its events, in the order they were posted. A GPU_SECONDS pool is split by each payout address's net
 * GPU-seconds in the epoch's events (usage recorded less usage voided, per lease; an address whose net
 * is not positive has no weight); when no address has any, the pool waits for the next close.
 */
final class EpochPools {

    static final List<Class<?>> EVENT_TYPES = List.of(UsageRecordedEvent.class, UsageVoidedEvent.class,
            RewardPoolPostedEvent.class);

    private final List<WaitingPool> waitingBefore;
    private final List<RewardPoolPostedEvent> posted = new ArrayList<>();
    private final Map<String, Long> gpuSecondsByLease = new HashMap<>();

    EpochPools(List<WaitingPool> waitingBefore) {
        this.waitingBefore = waitingBefore;
    }

    void add(Object event) {
        if (event instanceof UsageRecordedEvent usage) {
            long seconds = 0;
            for (RecordedUsage report : usage.reports()) {
                seconds += report.gpuSeconds();
            }
            gpuSecondsByLease.merge(LeaseKey.of(usage.marketplaceId(), usage.leaseId()), seconds, Long::sum);
        } else if (event instanceof UsageVoidedEvent voided) {
            gpuSecondsByLease.merge(LeaseKey.of(voided.marketplaceId(), voided.leaseId()), -voided.gpuSeconds(),
                    Long::sum);
        } else if (event instanceof RewardPoolPostedEvent pool) {
            posted.add(pool);
        }
    }

    /** Whether a pool is split by GPU-seconds, so that the leases' payout addresses are needed. */
    boolean needsGpuSeconds() {
        return !waitingBefore.isEmpty() || posted.stream().anyMatch(pool -> pool.basis() == PoolBasis.GPU_SECONDS);
    }

    Map<String, Long> gpuSecondsByLease() {
        return gpuSecondsByLease;
    }

    /** Splits every pool, GPU_SECONDS ones by the net GPU-seconds of each payout address (positive ones only). */
    Settled settle(Map<String, BigInteger> gpuSecondsByAccount) {
        List<RewardPoolPostedEvent> all = new ArrayList<>();
        waitingBefore.forEach(w -> all.add(new RewardPoolPostedEvent(w.poolId(), w.amountUnits(), PoolBasis.GPU_SECONDS,
                List.of())));
        all.addAll(posted);
        List<SettledPool> pools = new ArrayList<>();
        List<WaitingPool> waiting = new ArrayList<>();
        for (RewardPoolPostedEvent pool : all) {
            if (pool.basis() == PoolBasis.WEIGHTS) {
                pools.add(settled(pool, weights(pool.weights())));
            } else if (gpuSecondsByAccount.isEmpty()) {
                waiting.add(new WaitingPool(pool.poolId(), pool.amountUnits()));
            } else {
                pools.add(settled(pool, gpuSecondsByAccount));
            }
        }
        return new Settled(pools, waiting);
    }

    private static Map<String, BigInteger> weights(List<PoolWeight> weights) {
        Map<String, BigInteger> byAccount = new LinkedHashMap<>();
        weights.forEach(weight -> byAccount.put(weight.account(), weight.weight()));
        return byAccount;
    }

    private static SettledPool settled(RewardPoolPostedEvent pool, Map<String, BigInteger> weights) {
        return new SettledPool(pool.poolId(), pool.basis(), pool.amountUnits(), PoolShares.split(pool.amountUnits(), weights));
    }

    /** The pools an epoch paid, the ones it leaves waiting, and what they add to each address's payout. */
    record Settled(List<SettledPool> pools, List<WaitingPool> waiting) {

        boolean isEmpty() {
            return pools.isEmpty() && waiting.isEmpty();
        }

        Map<String, BigInteger> sharesByAccount() {
            Map<String, BigInteger> byAccount = new TreeMap<>();
            for (SettledPool pool : pools) {
                for (PoolShare share : pool.shares()) {
                    byAccount.merge(share.account(), share.shareUnits(), BigInteger::add);
                }
            }
            return byAccount;
        }
    }
}
