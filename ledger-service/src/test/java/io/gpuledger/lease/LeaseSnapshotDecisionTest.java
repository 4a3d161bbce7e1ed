package io.gpuledger.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.account.TenantAccount;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.lease.UsageBook.RecordedReport;
import io.gpuledger.lease.api.AccrueCapacityFeeCommand;
import io.gpuledger.lease.api.AdjustLeaseCommand;
import io.gpuledger.lease.api.AdjustmentKind;
import io.gpuledger.lease.api.AdjustmentReason;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.CapacityFeeAccruedEvent;
import io.gpuledger.lease.api.CapacityPricing;
import io.gpuledger.lease.api.ChangeLeasePriceCommand;
import io.gpuledger.lease.api.CloseLeaseCommand;
import io.gpuledger.lease.api.CloseReason;
import io.gpuledger.lease.api.CloseSlaWindowsCommand;
import io.gpuledger.lease.api.DisputeOutcome;
import io.gpuledger.lease.api.DisputeUsageCommand;
import io.gpuledger.lease.api.DowntimeReportedEvent;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.LeaseUsageOutcomes;
import io.gpuledger.lease.api.UsageOutcome;
import io.gpuledger.lease.api.LeasePriceChangedEvent;
import io.gpuledger.lease.api.RecordUsageAcrossLeasesCommand;
import io.gpuledger.lease.api.RecordUsageBatchCommand;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.ReportDowntimeCommand;
import io.gpuledger.lease.api.ResolveDisputeCommand;
import io.gpuledger.lease.api.Sla;
import io.gpuledger.lease.api.SlaCreditTier;
import io.gpuledger.lease.api.UsageDisputeResolvedEvent;
import io.gpuledger.lease.api.UsageDisputedEvent;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageReport;
import io.gpuledger.lease.api.UsageSignatures;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.lease.api.VoidUsageCommand;
import io.gpuledger.support.StoredForms;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * A lease loaded from its snapshot (written and read in its stored form) decides exactly as the
 * same lease loaded from all its events: the same answers, rejections and events to the same next
 * commands, and the same state after them. The leases hold every kind of state: more reports than
 * they keep in memory, signers and disputes, an SLA with downtime and a closed window, price
 * changes, voids, adjustments, and a capacity lease's accrued fee and energy.
 */
class LeaseSnapshotDecisionTest {

    private static final String MKT = "mkt-a";
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant RECORDED_AT = Instant.parse("2026-12-01T00:00:00Z");
    private static final BigInteger PRICE = BigInteger.valueOf(2_100_000);
    private static final String METER = "0x1111111111111111111111111111111111111111";
    private static final String TENANT = "0x2222222222222222222222222222222222222222";
    private static final Serializer SERIALIZER = StoredForms.eventSerializer();
    private static final int REPORTS = 3 * RecentReports.GENERATION;

    @Test
    void aSignedLeaseWithAnSlaDecidesFromItsSnapshotAsFromItsEvents() {
        String lease = "lease-signed";
        List<Object> history = signedLeaseHistory(lease);
        List<Object> next = List.of(
                usage(lease, signed(report("r-0", 0)), signed(report("r-1", 1)).withSignatures(meterOnly("x")),
                        signed(new UsageReport("r-9", minute(9), minute(10), 100)), signed(report("r-new-5", 5)),
                        signed(report("r-fill-2", 2)), signed(report("r-next", REPORTS + 1))),
                new VoidUsageCommand(MKT, lease, "r-3", "metered twice"),
                new VoidUsageCommand(MKT, lease, "r-2", "again"),
                new DisputeUsageCommand(MKT, lease, "r-4", "too high", RECORDED_AT.plusSeconds(60)),
                new DisputeUsageCommand(MKT, lease, "r-6", "countersigned", RECORDED_AT.plusSeconds(60)),
                new DisputeUsageCommand(MKT, lease, "r-7", "late", RECORDED_AT.plusSeconds(90_000)),
                new ResolveDisputeCommand(MKT, lease, "r-8", DisputeOutcome.VOID, RECORDED_AT.plusSeconds(120)),
                new ResolveDisputeCommand(MKT, lease, "r-10", DisputeOutcome.VOID, RECORDED_AT.plusSeconds(120)),
                new ReportDowntimeCommand(MKT, lease, "down-1", minute(30), minute(40)),
                new ReportDowntimeCommand(MKT, lease, "down-2", minute(35), minute(45)),
                new ReportDowntimeCommand(MKT, lease, "down-3", minute(200), minute(210)),
                new AdjustLeaseCommand(MKT, lease, "credit-1", AdjustmentKind.CREDIT, BigInteger.valueOf(1_000),
                        AdjustmentReason.GOODWILL),
                new AdjustLeaseCommand(MKT, lease, "credit-2", AdjustmentKind.DEBIT, BigInteger.valueOf(500),
                        AdjustmentReason.GOODWILL),
                new ChangeLeasePriceCommand(MKT, lease, BigInteger.ONE, minute(3)),
                new ChangeLeasePriceCommand(MKT, lease, BigInteger.valueOf(1_900_000), minute(REPORTS + 10)),
                new CloseSlaWindowsCommand(MKT, lease, Instant.parse("2027-01-01T00:00:00Z")),
                new CloseLeaseCommand(MKT, lease, CloseReason.TENANT_ENDED, minute(2)),
                new CloseLeaseCommand(MKT, lease, CloseReason.TENANT_ENDED, minute(REPORTS + 20)));

        decidesAlike(lease, history, next);
    }

    @Test
    void aCapacityLeaseDecidesFromItsSnapshotAsFromItsEvents() {
        String lease = "lease-capacity";
        List<Object> history = capacityLeaseHistory(lease);
        List<Object> next = List.of(
                usage(lease, energy("e-0", 0, 1_000), energy("e-1", 1, 999), energy("e-late", 1, 10),
                        energy("e-fill", 2, 500), energy("e-next", REPORTS + 1, 700),
                        new UsageReport("gpu", minute(REPORTS + 2), minute(REPORTS + 3), 10)),
                new VoidUsageCommand(MKT, lease, "e-3", "meter fault"),
                new AccrueCapacityFeeCommand(MKT, lease, minute(90)),
                new AccrueCapacityFeeCommand(MKT, lease, minute(REPORTS + 30)),
                new ChangeLeasePriceCommand(MKT, lease, null, minute(30), BigInteger.TEN, null),
                new ChangeLeasePriceCommand(MKT, lease, null, minute(REPORTS + 40), BigInteger.TEN, BigInteger.TWO),
                new CloseLeaseCommand(MKT, lease, CloseReason.TENANT_ENDED, minute(REPORTS + 50)));

        decidesAlike(lease, history, next);
    }

    private static void decidesAlike(String leaseId, List<Object> history, List<Object> next) {
        String key = LeaseKey.of(MKT, leaseId);
        Ledger fromEvents = new Ledger(key, history, false);
        Ledger fromSnapshot = new Ledger(key, history, true);
        assertThat(fromSnapshot.loadedFromSnapshot()).as("the second lease loads from its snapshot").isTrue();
        for (Object command : next) {
            assertThat(fromSnapshot.send(command)).as("the answer to %s", command).isEqualTo(fromEvents.send(command));
        }
        // The reports recorded by these commands carry the wall clock's time in both, not the same instant.
        LeaseState expected = fromEvents.state();
        LeaseState actual = fromSnapshot.state();
        assertThat(actual).usingRecursiveComparison().ignoringFields("disputes.uncountersignedRecordedAt")
                .isEqualTo(expected);
        if (expected.disputes() != null) {
            assertThat(actual.disputes().uncountersignedRecordedAt().keySet())
                    .isEqualTo(expected.disputes().uncountersignedRecordedAt().keySet());
        }
    }

    /** A lease, its store, and the command handlers the service has, without Spring or a database. */
    private static final class Ledger {

        private final String key;
        private final EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine()).build();
        private final EventSourcingRepository<Lease> leases = EventSourcingRepository.builder(Lease.class)
                .aggregateFactory(new FreshSnapshots()).eventStore(store).build();
        private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
        private long sequence;
        private SerializedObject<byte[]> storedSnapshot;
        private long snapshotSequence;

        Ledger(String key, List<Object> history, boolean snapshot) {
            this.key = key;
            LeaseFromEvents.publish(store, key, history, RECORDED_AT);
            sequence = history.size();
            if (snapshot) {
                storedSnapshot = SERIALIZER.serialize(LeaseFromEvents.load(key, history, RECORDED_AT), byte[].class);
                snapshotSequence = sequence - 1;
                readSnapshot();
            }
            TenantAccounts accounts = new TenantAccounts(EventSourcingRepository.builder(TenantAccount.class)
                    .eventStore(EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build())
                    .build());
            ReportHistory reportHistory = new StoreScan(store);
            AggregateAnnotationCommandHandler.<Lease>builder().aggregateType(Lease.class).repository(leases).build()
                    .subscribe(bus);
            org.axonframework.commandhandling.AnnotationCommandHandlerAdapter<?> usage =
                    new org.axonframework.commandhandling.AnnotationCommandHandlerAdapter<>(
                            new UsageAcrossLeases(leases, accounts, reportHistory));
            usage.subscribe(bus);
            new org.axonframework.commandhandling.AnnotationCommandHandlerAdapter<>(
                    new LeaseCorrections(leases, accounts, reportHistory)).subscribe(bus);
        }

        private void readSnapshot() {
            Lease read = SERIALIZER.deserialize(storedSnapshot);
            store.storeSnapshot(new GenericDomainEventMessage<>("Lease", key, snapshotSequence, read));
        }

        /**
         * Starts each load from the snapshot read anew from its stored form: the in-memory store hands
         * out the object it was given, which a load would change, where a database reads a fresh copy.
         */
        private final class FreshSnapshots extends GenericAggregateFactory<Lease> {

            FreshSnapshots() {
                super(Lease.class);
            }

            @Override
            protected Lease postProcessInstance(Lease aggregate) {
                return storedSnapshot == null ? aggregate : SERIALIZER.deserialize(storedSnapshot);
            }
        }

        boolean loadedFromSnapshot() {
            DomainEventMessage<?> first = store.readEvents(key).peek();
            return first.getPayload() instanceof Lease;
        }

        /** The command's result, or its rejection's code, field and message, and the events it appended. */
        List<Object> send(Object command) {
            AtomicReference<CommandResultMessage<?>> result = new AtomicReference<>();
            bus.dispatch(GenericCommandMessage.asCommandMessage(command), (message, answer) -> result.set(answer));
            List<Object> answer = new ArrayList<>();
            CommandResultMessage<?> message = result.get();
            if (message.isExceptional()) {
                Throwable cause = message.exceptionResult();
                answer.add(cause instanceof LedgerRejection rejection
                        ? List.of(rejection.code(), String.valueOf(rejection.field()), rejection.getMessage())
                        : cause.toString());
            } else if (message.getPayload() instanceof List<?> leases) {
                leases.forEach(outcomes -> ((LeaseUsageOutcomes) outcomes).outcomes().forEach(outcome ->
                        answer.add(comparable(outcome))));
            } else {
                answer.add(message.getPayload());
            }
            store.readEvents(key, sequence).forEachRemaining(event -> answer.add(event.getPayload()));
            sequence = store.lastSequenceNumberFor(key).map(last -> last + 1).orElse(sequence);
            return answer;
        }

        /** An outcome with its rejection as code, field and message: a rejection has no equals of its own. */
        private static List<Object> comparable(UsageOutcome outcome) {
            LedgerRejection rejection = outcome.rejection();
            return java.util.Arrays.asList(outcome.status(), outcome.reportId(), outcome.charges(), outcome.held(),
                    outcome.leaseClosedAt(), rejection == null ? null : rejection.code(),
                    rejection == null ? null : rejection.field(), rejection == null ? null : rejection.getMessage());
        }

        LeaseState state() {
            return DefaultUnitOfWork.startAndGet(null)
                    .executeWithResult(() -> leases.load(key).invoke(Lease::state)).getPayload();
        }
    }

    /** The report history of a store: every id is found by reading the lease's events. */
    private record StoreScan(EventStore store) implements ReportHistory {

        @Override
        public Map<String, Map<String, RecordedReport>> find(Map<String, List<String>> reportIdsByLease) {
            Map<String, Map<String, RecordedReport>> found = new HashMap<>();
            reportIdsByLease.forEach((leaseKey, ids) -> {
                Set<String> present = new HashSet<>();
                store.readEvents(leaseKey, 0).forEachRemaining(event -> {
                    if (event.getPayload() instanceof UsageRecordedEvent usage) {
                        usage.reports().stream().map(RecordedUsage::reportId).filter(ids::contains).forEach(present::add);
                    }
                });
                if (!present.isEmpty()) {
                    ReportsInEvents.read(store, leaseKey, -1, present, found.computeIfAbsent(leaseKey, k -> new HashMap<>()));
                }
            });
            return found;
        }

        @Override
        public void remember(List<Accepted> accepted) {
        }
    }

    /**
     * Reports r-0 … r-95, one a minute with a gap after r-2, every third countersigned; r-2 voided
     * (an old one: its minute is free), disputes of r-8 (open) and r-10 (accepted), downtime, a closed
     * SLA window, a price change and an adjustment.
     */
    private static List<Object> signedLeaseHistory(String lease) {
        List<Object> events = new ArrayList<>();
        events.add(new LeaseOpenedEvent(MKT, lease, "prov-1", METER, "tenant-1", "H100", 8, PRICE, 500, T0,
                T0.plusSeconds(90L * 86_400), Billing.POSTPAID, METER, TENANT, 86_400L, null,
                new Sla(9_900, List.of(new SlaCreditTier(9_900, 1_000), new SlaCreditTier(9_000, 3_000)))));
        List<RecordedUsage> reports = new ArrayList<>();
        for (int i = 0; i < REPORTS; i++) {
            reports.add(new RecordedUsage("r-" + i, minute(at(i)), minute(at(i) + 1), 480, PRICE,
                    BigInteger.valueOf(280_000), BigInteger.valueOf(14_000), BigInteger.valueOf(266_000), "0xsig",
                    i % 3 == 0 ? "0xtenant" : null, null, null));
        }
        events.add(new UsageRecordedEvent(MKT, lease, reports));
        events.add(new UsageVoidedEvent(MKT, lease, "r-2", "metered twice", minute(2), minute(3), 480, PRICE,
                BigInteger.valueOf(-280_000), BigInteger.valueOf(-14_000), BigInteger.valueOf(-266_000), null, null));
        events.add(new UsageDisputedEvent(MKT, lease, "r-8", "too high", RECORDED_AT.plusSeconds(10)));
        events.add(new UsageDisputedEvent(MKT, lease, "r-10", "too high", RECORDED_AT.plusSeconds(10)));
        events.add(new UsageDisputeResolvedEvent(MKT, lease, "r-10", DisputeOutcome.ACCEPT, RECORDED_AT.plusSeconds(20)));
        events.add(new DowntimeReportedEvent(MKT, lease, "down-1", minute(30), minute(40)));
        events.add(new LeasePriceChangedEvent(MKT, lease, BigInteger.valueOf(2_000_000), minute(REPORTS + 5)));
        events.add(new LeaseAdjustedEvent(MKT, lease, "credit-1", AdjustmentKind.CREDIT, BigInteger.valueOf(1_000),
                AdjustmentReason.GOODWILL, BigInteger.valueOf(-1_000), BigInteger.valueOf(-50),
                BigInteger.valueOf(-950)));
        return events;
    }

    /** A capacity lease with energy reports e-0 … e-95 (a gap after e-2), a fee accrued, a price change, a void. */
    private static List<Object> capacityLeaseHistory(String lease) {
        List<Object> events = new ArrayList<>();
        events.add(new LeaseOpenedEvent(MKT, lease, "prov-1", METER, "tenant-1", "site", 1, null, 500, T0,
                null, Billing.POSTPAID, null, null, null,
                new CapacityPricing(100, BigInteger.valueOf(50_000), BigInteger.valueOf(3_000)), null));
        List<RecordedUsage> reports = new ArrayList<>();
        for (int i = 0; i < REPORTS; i++) {
            reports.add(new RecordedUsage("e-" + i, minute(at(i)), minute(at(i) + 1), 0, null, BigInteger.valueOf(9),
                    BigInteger.ZERO, BigInteger.valueOf(9), null, null, 1_000L, BigInteger.valueOf(3_000)));
        }
        events.add(new UsageRecordedEvent(MKT, lease, reports));
        events.add(new CapacityFeeAccruedEvent(MKT, lease, T0, minute(60), BigInteger.valueOf(180_000_000),
                BigInteger.valueOf(50_000), BigInteger.valueOf(2_500), BigInteger.valueOf(47_500)));
        events.add(new LeasePriceChangedEvent(MKT, lease, null, minute(60), BigInteger.valueOf(60_000),
                BigInteger.valueOf(3_000)));
        events.add(new UsageVoidedEvent(MKT, lease, "e-2", "meter fault", minute(2), minute(3), 0, null,
                BigInteger.valueOf(-9), BigInteger.ZERO, BigInteger.valueOf(-9), 1_000L, BigInteger.valueOf(3_000)));
        return events;
    }

    /** The minute of report i: one a minute, with minute 3 left out. */
    private static int at(int i) {
        return i < 3 ? i : i + 1;
    }

    private static Instant minute(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    private static UsageReport report(String id, int index) {
        return new UsageReport(id, minute(at(index)), minute(at(index) + 1), 480);
    }

    private static UsageReport energy(String id, int index, long energyWh) {
        return UsageReport.ofEnergy(id, minute(at(index)), minute(at(index) + 1), energyWh);
    }

    private static UsageReport signed(UsageReport report) {
        return report.withSignatures(meterOnly("0xsig"));
    }

    private static UsageSignatures meterOnly(String signature) {
        return new UsageSignatures(signature, METER, null, null);
    }

    private static RecordUsageAcrossLeasesCommand usage(String lease, UsageReport... reports) {
        return new RecordUsageAcrossLeasesCommand(MKT, List.of(new RecordUsageBatchCommand(MKT, lease, List.of(reports))));
    }
}
