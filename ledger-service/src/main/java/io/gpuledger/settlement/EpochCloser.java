package io.gpuledger.settlement;

import io.gpuledger.account.api.DepositRecordedEvent;
import io.gpuledger.common.Charges;
import io.gpuledger.eventstore.EventSealer;
import io.gpuledger.eventstore.EventStoreCut;
import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.platform.LedgerTransactions;
import io.gpuledger.settlement.api.CapacityCharges;
import io.gpuledger.settlement.api.Carried;
import io.gpuledger.settlement.api.CloseEpochCommand;
import io.gpuledger.settlement.api.EpochClosedEvent;
import io.gpuledger.settlement.api.EscrowAccount;
import io.gpuledger.settlement.api.Payout;
import io.gpuledger.settlement.api.RewardPoolsSettledEvent;
import io.gpuledger.settlement.api.SettleRewardPoolsCommand;
import io.gpuledger.settlement.api.SettlementId;
import io.gpuledger.settlement.api.WaitingPool;
import io.gpuledger.settlement.api.WithheldUsage;
import io.gpuledger.settlement.merkle.EpochRoots;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Closes the current epoch: takes a cut of the event store, reads every event since the last cut
 * once, sums each payout address's provider units, builds both Merkle roots and records it all in
 * one {@link EpochClosedEvent}, with what the prepaid escrow funds ({@link EscrowFunding}). Zero payouts
 * are left out. Signed usage still in its dispute window, or disputed, is left out until it settles
 * ({@link UsageWindows}). Reward pools posted since the last close, and those that waited, add their
 * shares to the payouts ({@link EpochPools}), recorded beside the close in a RewardPoolsSettledEvent.
 */
@Component
public class EpochCloser {

    /** The accrual's events and the escrow's, read in one pass. */
    private static final List<Class<?>> EVENT_TYPES = Stream.of(EpochAccrual.EVENT_TYPES, UsageWindows.EVENT_TYPES,
            EpochPools.EVENT_TYPES, List.<Class<?>>of(DepositRecordedEvent.class))
            .<Class<?>>flatMap(List::stream).distinct().toList();

    private final EventStoreCut cut;
    private final EventSealer sealer;
    private final EventStoreReader events;
    private final PayoutAddresses payoutAddresses;
    private final CommandGateway commands;
    private final LedgerTransactions transactions;
    private final CapacityAccruals capacityAccruals;
    private final SlaWindowCloser slaWindows;
    private final Clock clock = Clock.systemUTC();

    EpochCloser(EventStoreCut cut, EventSealer sealer, EventStoreReader events, PayoutAddresses payoutAddresses,
                CommandGateway commands, LedgerTransactions transactions, CapacityAccruals capacityAccruals,
                SlaWindowCloser slaWindows) {
        this.capacityAccruals = capacityAccruals;
        this.slaWindows = slaWindows;
        this.cut = cut;
        this.sealer = sealer;
        this.events = events;
        this.payoutAddresses = payoutAddresses;
        this.commands = commands;
        this.transactions = transactions;
    }

    public record ClosedEpoch(long epoch, long fromGlobalIndex, long toGlobalIndex, long eventCount, int payoutCount,
                              BigInteger totalUnits, String payoutRoot, String eventsRoot,
                              BigInteger escrowFundedUnits, CapacityCharges capacityCharges, Charges slaCredits) {
    }

    /**
     * The events root is built from the seals: the sealer hashes events in the background as they
     * arrive, so a close only hashes what was stored since the last seal.
     */
    public ClosedEpoch close() {
        return close(clock.instant());
    }

    /**
     * Closes the epoch with time-based amounts accrued through {@code accrueThrough}: the SLA windows
     * that ended by then are closed and credited and every capacity lease's fee accrues, in
     * transactions of their own, so that the cut taken after them holds their events; the leases
     * opened while it accrued are learnt for the next close.
     */
    public ClosedEpoch close(Instant accrueThrough) {
        slaWindows.closeThrough(accrueThrough);
        LastClose last = lastClose();
        long accrualCut = cut.take();
        capacityAccruals.learn(last.cut(), accrualCut);
        capacityAccruals.accrue(accrueThrough);
        long to = cut.take();
        capacityAccruals.learn(accrualCut, to);
        Instant closedAt = clock.instant();
        sealer.sealThrough(to);
        List<byte[]> eventHashes = sealer.eventHashes(last.cut(), to);
        EpochAccrual accrual = new EpochAccrual();
        EscrowAccrual escrow = new EscrowAccrual();
        UsageWindows windows = new UsageWindows(last.withheld());
        CapacityLines capacity = new CapacityLines();
        SlaCreditSums slaCredits = new SlaCreditSums();
        EpochPools pools = new EpochPools(waitingPools());
        events.forEachStoredInRange(EVENT_TYPES, last.cut(), to, (stored, event) -> {
            windows.add(stored, event);
            capacity.add(event);
            slaCredits.add(event);
            pools.add(event);
            if (EpochAccrual.EVENT_TYPES.contains(event.getClass())) {
                accrual.add(event);
            }
            escrow.add(event);
        });
        Map<String, LeaseOpenedEvent> signedLeases = events.firstOf(windows.leasesToLookUp(), LeaseOpenedEvent.class);
        windows.decide(closedAt, signedLeases::get, accrual);

        EpochPools.Settled landed = pools.settle(pools.needsGpuSeconds() ? gpuSecondsByAccount(pools) : Map.of());
        Map<String, BigInteger> owed = byAccount(accrual.providerUnitsByLease());
        landed.sharesByAccount().forEach((account, units) -> owed.merge(account, units, BigInteger::add));
        EpochPayouts settled = EpochPayouts.of(owed, last.carried());
        List<Payout> payouts = settled.payouts();
        BigInteger total = payouts.stream().map(Payout::amountUnits).reduce(BigInteger.ZERO, BigInteger::add);
        // The escrow funds an epoch in its fund step, which only an epoch that pays something has.
        EscrowFunding funding = EscrowFunding.of(escrow.flows(), last.escrowAccounts(), total.signum() > 0);
        String payoutRoot = EpochRoots.payoutRoot(payouts);
        String eventsRoot = EpochRoots.eventsRoot(eventHashes);
        CloseEpochCommand command = new CloseEpochCommand(last.epoch() + 1, last.cut(), to,
                eventHashes.size(), payouts, total, payoutRoot, eventsRoot, settled.carried(), funding.accounts(),
                funding.releasedUnits(), windows.withheld(), windows.released(), capacity.charges());
        transactions.inTransaction(() -> {
            commands.sendAndWait(command);
            if (!landed.isEmpty()) {
                commands.sendAndWait(new SettleRewardPoolsCommand(command.epoch(), landed.pools(), landed.waiting()));
            }
            return null;
        });
        return new ClosedEpoch(command.epoch(), last.cut(), to, command.eventCount(), payouts.size(), total,
                payoutRoot, eventsRoot, funding.releasedUnits(), command.capacityCharges(), slaCredits.credits());
    }

    private Map<String, BigInteger> byAccount(Map<String, BigInteger> providerUnitsByLease) {
        Map<String, String> addresses = payoutAddresses.of(new ArrayList<>(providerUnitsByLease.keySet()));
        Map<String, BigInteger> byAccount = new TreeMap<>();
        providerUnitsByLease.forEach((lease, units) -> byAccount.merge(addresses.get(lease), units, BigInteger::add));
        return byAccount;
    }

    /** Each payout address's net GPU-seconds in the epoch, where positive: the weights of GPU_SECONDS pools. */
    private Map<String, BigInteger> gpuSecondsByAccount(EpochPools pools) {
        Map<String, Long> byLease = pools.gpuSecondsByLease();
        Map<String, String> addresses = payoutAddresses.of(new ArrayList<>(byLease.keySet()));
        Map<String, BigInteger> byAccount = new TreeMap<>();
        byLease.forEach((lease, seconds) -> byAccount.merge(addresses.get(lease), BigInteger.valueOf(seconds),
                BigInteger::add));
        byAccount.values().removeIf(seconds -> seconds.signum() <= 0);
        return byAccount;
    }

    /**
     * The GPU_SECONDS pools the last close left waiting. Every close that pays a pool or leaves one
     * waiting records a RewardPoolsSettledEvent, so the latest one holds the pools still waiting.
     */
    private List<WaitingPool> waitingPools() {
        return events.latest(SettlementId.VALUE, RewardPoolsSettledEvent.class)
                .map(RewardPoolsSettledEvent::waiting).orElse(List.of());
    }

    private record LastClose(long epoch, long cut, List<Carried> carried, List<EscrowAccount> escrowAccounts,
                             List<WithheldUsage> withheld) {
    }

    /** Read from the event store itself: the settlement aggregate's latest close is the last close. */
    private LastClose lastClose() {
        return events.latest(SettlementId.VALUE, EpochClosedEvent.class)
                .map(closed -> new LastClose(closed.epoch(), closed.toGlobalIndex(), closed.carriedOrNone(),
                        closed.escrowAccountsOrNone(), closed.withheldUsageOrNone()))
                .orElse(new LastClose(0, 0, List.of(), List.of(), List.of()));
    }
}
