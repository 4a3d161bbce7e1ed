package io.gpuledger.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.account.TenantAccount;
import io.gpuledger.account.api.FundingKind;
import io.gpuledger.account.api.LeaseCharge;
import io.gpuledger.account.api.DepositRecordedEvent;
import io.gpuledger.account.api.TenantAccountKey;
import io.gpuledger.account.api.TenantChargedEvent;
import io.gpuledger.lease.api.AccrueCapacityFeeCommand;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.CapacityFeeAccruedEvent;
import io.gpuledger.lease.api.CapacityPricing;
import io.gpuledger.lease.api.CloseReason;
import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.LeaseUsageOutcomes;
import io.gpuledger.lease.api.RecordUsageAcrossLeasesCommand;
import io.gpuledger.lease.api.RecordUsageBatchCommand;
import io.gpuledger.lease.api.RecordUsageCommand;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageOutcome;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageReport;
import io.gpuledger.common.RejectionCode;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A prepaid lease's usage draws on its tenant's account, one rule each. The lease: 8 GPUs at
 * 2,100,000 units per GPU-hour with a 5% fee, so a full hour charges 16,800,000 (840,000 fee,
 * 15,960,000 to the provider). The fixture's event store holds one aggregate's events, so the tenant
 * account lives in an event store of its own: its deposits are stored there before, and its draws
 * read from there after, the command.
 */
class PrepaidUsageTest {

    private static final String MKT = "mkt-a";
    private static final String LEASE = "lease-1";
    private static final String TENANT = "tenant-42";
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final long FULL_HOUR = 8 * 3600;
    private static final LeaseCharge HOUR_DRAWN = new LeaseCharge(LEASE, BigInteger.valueOf(16_800_000),
            BigInteger.valueOf(840_000), BigInteger.valueOf(15_960_000), false);
    private static final LeaseCharge HOUR_HELD = new LeaseCharge(LEASE, BigInteger.valueOf(16_800_000),
            BigInteger.valueOf(840_000), BigInteger.valueOf(15_960_000), true);

    private static final String ACCOUNT = TenantAccountKey.of(MKT, TENANT);

    private FixtureConfiguration<Lease> fixture;
    private EventStore accountEvents;

    @BeforeEach
    void setUp() {
        accountEvents = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        fixture = LeaseFixtures.withAccountsIn(accountEvents);
    }

    @Test
    void canDrawPrepaidUsageFromTheTenantsBalance() {
        deposited(16_800_000);
        fixture.given(opened(Billing.PREPAID))
                .when(usage("r-1", 0, FULL_HOUR))
                .expectEvents(recorded("r-1", 0));
        assertThat(drawn()).containsExactly(charged(HOUR_DRAWN));
    }

    @Test
    void canRecordUsageThatOverdrawsTheTenantAndCloseTheLeaseAtTheEndOfItsPeriod() {
        deposited(16_799_999);
        fixture.given(opened(Billing.PREPAID))
                .when(usage("r-1", 0, FULL_HOUR))
                .expectEvents(recorded("r-1", 0), closed(hour(1)));
        assertThat(drawn()).containsExactly(charged(HOUR_HELD));
    }

    @Test
    void canAnswerTheReportThatOverdrawsAsHeldAndClosingTheLease() {
        fixture.given(opened(Billing.PREPAID))
                .when(usage("r-1", 0, FULL_HOUR))
                .expectResultMessagePayloadMatching(new CustomTypeSafeMatcher<UsageOutcome>("held, closing at hour 1") {
                    @Override
                    protected boolean matchesSafely(UsageOutcome outcome) {
                        return outcome.status() == UsageOutcome.Status.ACCEPTED && outcome.held()
                                && hour(1).equals(outcome.leaseClosedAt());
                    }
                });
    }

    @Test
    void canRecordUsageOfATenantThatNeverPaidInAndHoldIt() {
        fixture.given(opened(Billing.PREPAID))
                .when(usage("r-1", 0, FULL_HOUR))
                .expectEvents(recorded("r-1", 0), closed(hour(1)));
        assertThat(drawn()).containsExactly(charged(HOUR_HELD));
    }

    @Test
    void cannotRecordUsageAfterTheOverdrawCloseInTheSameBatch() {
        deposited(10_000_000);
        fixture.given(opened(Billing.PREPAID))
                .when(batch(report("r-1", 0, FULL_HOUR), report("r-2", 1, FULL_HOUR)))
                .expectEvents(recorded("r-1", 0), closed(hour(1)))
                .expectResultMessagePayloadMatching(outcomes("ACCEPTED r-1", "REJECTED r-2 LEASE_CLOSED"));
        assertThat(drawn()).containsExactly(charged(HOUR_HELD));
    }

    @Test
    void cannotRecordUsageStartingAfterAnOverdrawClose() {
        fixture.given(opened(Billing.PREPAID), recorded("r-1", 0), closed(hour(1)))
                .when(usage("r-2", 1, FULL_HOUR))
                .expectNoEvents()
                .expectException(io.gpuledger.support.RejectionMatchers.rejected(RejectionCode.LEASE_CLOSED));
    }

    @Test
    void canDrawReportsOfOneBatchUntilTheOneThatOverdraws() {
        LeaseCharge first = new LeaseCharge(LEASE, BigInteger.valueOf(16_800_000), BigInteger.valueOf(840_000),
                BigInteger.valueOf(15_960_000), false);
        deposited(20_000_000);
        fixture.given(opened(Billing.PREPAID))
                .when(batch(report("r-1", 0, FULL_HOUR), report("r-2", 1, FULL_HOUR), report("r-3", 2, FULL_HOUR)))
                .expectEvents(new UsageRecordedEvent(MKT, LEASE, List.of(recordedUsage("r-1", 0), recordedUsage("r-2", 1))),
                        closed(hour(2)));
        assertThat(drawn()).containsExactly(charged(first, HOUR_HELD));
    }

    @Test
    void canRecordPostpaidUsageWithoutDrawingOnTheTenant() {
        fixture.given(opened(Billing.POSTPAID))
                .when(usage("r-1", 0, FULL_HOUR))
                .expectEvents(recorded("r-1", 0));
        assertThat(drawn()).isEmpty();
    }

    // --- a prepaid capacity lease: a fee of 1,000,000 units per hour, 5% fee

    @Test
    void canDrawAPrepaidCapacityLeasesFeeFromTheTenantsBalance() {
        deposited(2_000_000);
        fixture.given(capacityOpened())
                .when(new AccrueCapacityFeeCommand(MKT, LEASE, hour(2)))
                .expectEvents(feeAccrued(hour(2), 2_000_000));
        assertThat(drawn()).containsExactly(charged(new LeaseCharge(LEASE, BigInteger.valueOf(2_000_000),
                BigInteger.valueOf(100_000), BigInteger.valueOf(1_900_000), false)));
    }

    @Test
    void canAccrueAFeeThatOverdrawsTheTenantAndCloseTheLeaseWhereItAccrued() {
        deposited(1_999_999);
        fixture.given(capacityOpened())
                .when(new AccrueCapacityFeeCommand(MKT, LEASE, hour(2)))
                .expectEvents(feeAccrued(hour(2), 2_000_000), closed(hour(2)));
        assertThat(drawn()).containsExactly(charged(new LeaseCharge(LEASE, BigInteger.valueOf(2_000_000),
                BigInteger.valueOf(100_000), BigInteger.valueOf(1_900_000), true)));
    }

    private static LeaseOpenedEvent capacityOpened() {
        return new LeaseOpenedEvent(MKT, LEASE, "prov-7", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", TENANT,
                "GB200-NVL72", 72, null, 500, START, null, Billing.PREPAID, null, null, null,
                new CapacityPricing(1_000, BigInteger.valueOf(1_000_000), BigInteger.valueOf(50_000)), null);
    }

    private static CapacityFeeAccruedEvent feeAccrued(Instant through, long charged) {
        long fee = charged * 500 / 10_000;
        return new CapacityFeeAccruedEvent(MKT, LEASE, START, through,
                BigInteger.valueOf((through.getEpochSecond() - START.getEpochSecond()) * 1_000_000),
                BigInteger.valueOf(charged), BigInteger.valueOf(fee), BigInteger.valueOf(charged - fee));
    }

    private static LeaseOpenedEvent opened(Billing billing) {
        return new LeaseOpenedEvent(MKT, LEASE, "prov-7", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", TENANT,
                "H100-SXM-80GB", 8, BigInteger.valueOf(2_100_000), 500, START, null, billing);
    }

    private void deposited(long units) {
        accountEvents.publish(new GenericDomainEventMessage<>("TenantAccount", ACCOUNT, 0,
                new DepositRecordedEvent(MKT, TENANT, "d-1", FundingKind.DEPOSIT, BigInteger.valueOf(units))));
    }

    /** The tenant account's draws: its events after the deposit. */
    private List<Object> drawn() {
        return accountEvents.readEvents(ACCOUNT).asStream().map(EventMessage::getPayload)
                .filter(payload -> !(payload instanceof DepositRecordedEvent)).map(Object.class::cast).toList();
    }

    /** Each outcome written "STATUS reportId" or "REJECTED reportId CODE". */
    private static Matcher<List<LeaseUsageOutcomes>> outcomes(String... expected) {
        return new CustomTypeSafeMatcher<>("outcomes " + List.of(expected)) {
            @Override
            protected boolean matchesSafely(List<LeaseUsageOutcomes> results) {
                return results.get(0).outcomes().stream().map(o -> o.status() == UsageOutcome.Status.REJECTED
                        ? "REJECTED " + o.reportId() + " " + o.rejection().code()
                        : o.status() + " " + o.reportId()).toList().equals(List.of(expected));
            }
        };
    }

    private static UsageReport report(String reportId, int startHour, long gpuSeconds) {
        return new UsageReport(reportId, hour(startHour), hour(startHour + 1), gpuSeconds);
    }

    private static RecordUsageCommand usage(String reportId, int startHour, long gpuSeconds) {
        return new RecordUsageCommand(MKT, LEASE, report(reportId, startHour, gpuSeconds));
    }

    private static RecordUsageAcrossLeasesCommand batch(UsageReport... reports) {
        return new RecordUsageAcrossLeasesCommand(MKT, List.of(new RecordUsageBatchCommand(MKT, LEASE, List.of(reports))));
    }

    /** A full hour's report, its charges a full hour's slice on a lease whose earlier hours are all full. */
    private static RecordedUsage recordedUsage(String reportId, int startHour) {
        return new RecordedUsage(reportId, hour(startHour), hour(startHour + 1), FULL_HOUR, BigInteger.valueOf(2_100_000),
                HOUR_DRAWN.chargedUnits(), HOUR_DRAWN.feeUnits(), HOUR_DRAWN.providerUnits());
    }

    private static UsageRecordedEvent recorded(String reportId, int startHour) {
        return new UsageRecordedEvent(MKT, LEASE, List.of(recordedUsage(reportId, startHour)));
    }

    private static LeaseClosedEvent closed(Instant at) {
        return new LeaseClosedEvent(MKT, LEASE, CloseReason.INSUFFICIENT_FUNDS, at);
    }

    private static TenantChargedEvent charged(LeaseCharge... charges) {
        return new TenantChargedEvent(MKT, TENANT, List.of(charges));
    }

    private static Instant hour(int hours) {
        return START.plusSeconds(3600L * hours);
    }
}
