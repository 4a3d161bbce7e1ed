package io.gpuledger.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.eventstore.StoredEvent;
import io.gpuledger.lease.api.AccrueCapacityFeeCommand;
import io.gpuledger.lease.api.AccrueCapacityFeesCommand;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.CapacityPricing;
import io.gpuledger.lease.api.CloseSlaWindowsAcrossLeasesCommand;
import io.gpuledger.lease.api.CloseSlaWindowsCommand;
import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.lease.api.OpenLeaseCommand;
import io.gpuledger.lease.api.RecordUsageCommand;
import io.gpuledger.lease.api.ReportDowntimeCommand;
import io.gpuledger.lease.api.Sla;
import io.gpuledger.lease.api.SlaCreditTier;
import io.gpuledger.lease.api.UsageReport;
import io.gpuledger.platform.LedgerTransactions;
import io.gpuledger.settlement.api.EpochClosedEvent;
import io.gpuledger.settlement.api.Payout;
import io.gpuledger.support.Leases;
import io.gpuledger.support.LedgerIT;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * An epoch close accrues capacity fees and closes SLA windows in batches ({@link LeaseBatches}),
 * each committing apart: more leases than two batches hold, a close that died after its first
 * batches committed and is run again, and two closes at once, each lease accruing its fee and
 * crediting its window once, every payout to the unit. 450 capacity leases from 2025-11-01 at
 * 1,000,003 + i units per hour, fee 500 bps, accrued through 2025-12-01T00:00:17Z (2,592,017 s); 250
 * GPU_HOUR leases of 1 GPU at 3,600,000 per GPU-hour from 2025-11-15 with an hour of usage and 4 hours
 * down in November (uptime 9895: 3000 bps, a credit of 1,080,000 of 3,600,000; provider 2,394,000).
 */
class EpochCloseBatchesIT extends LedgerIT {

    private static final int CAPACITY_LEASES = 2 * LeaseBatches.SIZE + 50;
    private static final int SLA_LEASES = LeaseBatches.SIZE + 50;
    private static final Instant CAPACITY_START = Instant.parse("2025-11-01T00:00:00Z");
    private static final Instant SLA_START = Instant.parse("2025-11-15T00:00:00Z");
    private static final Instant THROUGH = Instant.parse("2025-12-01T00:00:17Z");
    private static final BigInteger SLA_LEASE_PROVIDER_UNITS = BigInteger.valueOf(2_394_000);
    private static final Sla SLA = new Sla(9990, List.of(new SlaCreditTier(9990, 1000), new SlaCreditTier(9900, 3000)));

    @Autowired
    private CommandGateway commands;
    @Autowired
    private LedgerTransactions transactions;
    @Autowired
    private EpochCloser closer;
    @Autowired
    private EventStoreReader events;
    @Autowired
    private LeaseBatches batches;

    @Test
    void aCloseThatDiedAfterItsFirstBatchesAccruesAndCreditsEachLeaseOnceWhenRunAgain() {
        Deal deal = openDeal();
        // What a close that died after its first batch of each kind had committed leaves behind.
        batches.send(deal.capacityLeases().subList(0, LeaseBatches.SIZE).stream()
                        .map(leaseId -> new AccrueCapacityFeeCommand(deal.marketplaceId(), leaseId, THROUGH)).toList(),
                AccrueCapacityFeesCommand::new);
        batches.send(deal.slaLeases().subList(0, LeaseBatches.SIZE).stream()
                        .map(leaseId -> new CloseSlaWindowsCommand(deal.marketplaceId(), leaseId, THROUGH)).toList(),
                CloseSlaWindowsAcrossLeasesCommand::new);

        EpochCloser.ClosedEpoch closed = closer.close(THROUGH);

        assertEachLeaseOnce(deal);
        assertThat(paidBy(List.of(closed.epoch()), deal.capacityAddress())).isEqualTo(capacityProviderUnits());
        assertThat(paidBy(List.of(closed.epoch()), deal.slaAddress()))
                .isEqualTo(SLA_LEASE_PROVIDER_UNITS.multiply(BigInteger.valueOf(SLA_LEASES)));
    }

    @Test
    void twoClosesAtOnceAccrueAndCreditEachLeaseOnce() throws Exception {
        Deal deal = openDeal();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        List<Long> epochs = new ArrayList<>();
        try {
            List<Future<EpochCloser.ClosedEpoch>> closes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                closes.add(callers.submit(() -> closer.close(THROUGH)));
            }
            for (Future<EpochCloser.ClosedEpoch> close : closes) {
                try {
                    epochs.add(close.get().epoch());
                } catch (java.util.concurrent.ExecutionException lostTheRace) {
                    // The settlement admits one close per epoch: the other may lose at its commit.
                }
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(epochs).isNotEmpty();

        assertEachLeaseOnce(deal);
        assertThat(paidBy(epochs, deal.capacityAddress())).isEqualTo(capacityProviderUnits());
        assertThat(paidBy(epochs, deal.slaAddress()))
                .isEqualTo(SLA_LEASE_PROVIDER_UNITS.multiply(BigInteger.valueOf(SLA_LEASES)));
    }

    private record Deal(String marketplaceId, String capacityAddress, String slaAddress, List<String> capacityLeases,
                        List<String> slaLeases) {
    }

    /** The leases, named so that their keys sort as they are numbered. */
    private Deal openDeal() {
        Deal deal = new Deal(Leases.uniqueId("mkt-batches"), freshAddress(), freshAddress(), new ArrayList<>(),
                new ArrayList<>());
        transactions.inTransaction(() -> {
            for (int i = 0; i < CAPACITY_LEASES; i++) {
                String leaseId = "cap-%04d".formatted(i);
                commands.sendAndWait(new OpenLeaseCommand(deal.marketplaceId(), leaseId, "prov-cap", deal.capacityAddress(),
                        "tenant-cap", "H100", 1, null, 500, CAPACITY_START, null, Billing.POSTPAID, null, null, null,
                        new CapacityPricing(100, feeUnitsPerHour(i), BigInteger.ONE), null));
                deal.capacityLeases().add(leaseId);
            }
            for (int i = 0; i < SLA_LEASES; i++) {
                String leaseId = "sla-%04d".formatted(i);
                commands.sendAndWait(new OpenLeaseCommand(deal.marketplaceId(), leaseId, "prov-sla", deal.slaAddress(),
                        "tenant-sla", "H100", 1, BigInteger.valueOf(3_600_000), 500, SLA_START, null, Billing.POSTPAID,
                        null, null, null, null, SLA));
                commands.sendAndWait(new RecordUsageCommand(deal.marketplaceId(), leaseId, new UsageReport("r-1",
                        Instant.parse("2025-11-20T00:00:00Z"), Instant.parse("2025-11-20T01:00:00Z"), 3600)));
                commands.sendAndWait(new ReportDowntimeCommand(deal.marketplaceId(), leaseId, "d-1",
                        Instant.parse("2025-11-21T00:00:00Z"), Instant.parse("2025-11-21T04:00:00Z")));
                deal.slaLeases().add(leaseId);
            }
            return null;
        });
        return deal;
    }

    private static BigInteger feeUnitsPerHour(int lease) {
        return BigInteger.valueOf(1_000_003 + lease);
    }

    /** Σ provider units of floor(2,592,017 s × feeUnitsPerHour / 3600) less the 5% fee, computed here. */
    private static BigInteger capacityProviderUnits() {
        BigInteger total = BigInteger.ZERO;
        long seconds = THROUGH.getEpochSecond() - CAPACITY_START.getEpochSecond();
        for (int i = 0; i < CAPACITY_LEASES; i++) {
            BigInteger charged = BigInteger.valueOf(seconds).multiply(feeUnitsPerHour(i)).divide(BigInteger.valueOf(3600));
            total = total.add(charged.subtract(charged.multiply(BigInteger.valueOf(500)).divide(BigInteger.valueOf(10_000))));
        }
        return total;
    }

    private void assertEachLeaseOnce(Deal deal) {
        for (String leaseId : deal.capacityLeases()) {
            assertThat(typesOf(deal.marketplaceId(), leaseId)).as(leaseId)
                    .containsExactly("LeaseOpenedEvent", "CapacityFeeAccruedEvent");
        }
        for (String leaseId : deal.slaLeases()) {
            assertThat(typesOf(deal.marketplaceId(), leaseId)).as(leaseId).containsExactly("LeaseOpenedEvent",
                    "UsageRecordedEvent", "DowntimeReportedEvent", "SlaWindowClosedEvent", "LeaseAdjustedEvent");
        }
    }

    private List<String> typesOf(String marketplaceId, String leaseId) {
        return events.ofAggregate(LeaseKey.of(marketplaceId, leaseId)).stream().map(StoredEvent::payloadType)
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private BigInteger paidBy(List<Long> epochs, String account) {
        BigInteger paid = BigInteger.ZERO;
        for (long epoch : epochs) {
            EpochClosedEvent closed = closedEvent(epoch);
            for (Payout payout : closed.payouts()) {
                if (payout.account().equals(account)) {
                    paid = paid.add(payout.amountUnits());
                }
            }
        }
        return paid;
    }

    private EpochClosedEvent closedEvent(long epoch) {
        List<EpochClosedEvent> found = new ArrayList<>();
        events.forEachInRange(EpochClosedEvent.class, 0, events.highestIndex(), closed -> {
            if (closed.epoch() == epoch) {
                found.add(closed);
            }
        });
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static String freshAddress() {
        try {
            return Keys.toChecksumAddress(Credentials.create(Keys.createEcKeyPair()).getAddress());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
