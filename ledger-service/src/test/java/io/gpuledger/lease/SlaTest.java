package io.gpuledger.lease;

import static io.gpuledger.common.RejectionCode.CLOSE_BEFORE_RECORDED_DOWNTIME;
import static io.gpuledger.common.RejectionCode.DOWNTIME_OUTSIDE_LEASE;
import static io.gpuledger.common.RejectionCode.DOWNTIME_OVERLAP;
import static io.gpuledger.common.RejectionCode.DOWNTIME_REPORT_CONFLICT;
import static io.gpuledger.common.RejectionCode.LEASE_WITHOUT_SLA;
import static io.gpuledger.common.RejectionCode.SLA_WINDOW_CLOSED;
import static io.gpuledger.common.RejectionCode.VALIDATION_FAILED;
import static io.gpuledger.support.RejectionMatchers.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.account.api.DepositRecordedEvent;
import io.gpuledger.account.api.FundingKind;
import io.gpuledger.account.api.LeaseCharge;
import io.gpuledger.account.api.TenantAccountKey;
import io.gpuledger.account.api.TenantChargedEvent;
import io.gpuledger.common.Charges;
import io.gpuledger.lease.api.AdjustmentKind;
import io.gpuledger.lease.api.AdjustmentReason;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.CloseLeaseCommand;
import io.gpuledger.lease.api.CloseReason;
import io.gpuledger.lease.api.CloseSlaWindowsCommand;
import io.gpuledger.lease.api.DowntimeReportedEvent;
import io.gpuledger.lease.api.DowntimeResult;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.OpenLeaseCommand;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.ReportDowntimeCommand;
import io.gpuledger.lease.api.Sla;
import io.gpuledger.lease.api.SlaCreditTier;
import io.gpuledger.lease.api.SlaWindowClosedEvent;
import io.gpuledger.lease.api.UsageRecordedEvent;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SLA leases, one rule each: downtime reports, the monthly windows and their credits. The lease: 1 GPU
 * at 3,600,000 units per GPU-hour (1,000 a GPU-second), 5% fee, from Nov 15 with no end; tiers below
 * 9990 bps credit 1000 bps, below 9900 bps 3000 bps. Its Nov window is 16 days, 1,382,400 seconds.
 */
class SlaTest {

    private static final String MKT = "mkt-a";
    private static final String LEASE = "lease-sla";
    private static final String PAYOUT = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private static final Instant START = Instant.parse("2026-11-15T00:00:00Z");
    private static final BigInteger PRICE = BigInteger.valueOf(3_600_000);
    private static final Sla SLA = new Sla(9990, List.of(new SlaCreditTier(9990, 1000), new SlaCreditTier(9900, 3000)));

    private FixtureConfiguration<Lease> fixture;

    @BeforeEach
    void setUp() {
        fixture = LeaseFixtures.postpaid();
    }

    // --- the SLA's shape

    @Test
    void canOpenALeaseWithAnSla() {
        fixture.givenNoPriorActivity()
                .when(open(SLA))
                .expectEvents(opened(SLA));
    }

    @Test
    void cannotOpenAnSlaWithTwoTiersBelowTheSameUptime() {
        fixture.givenNoPriorActivity()
                .when(open(new Sla(9990, List.of(new SlaCreditTier(9900, 1000), new SlaCreditTier(9900, 3000)))))
                .expectNoEvents()
                .expectException(rejected(VALIDATION_FAILED));
    }

    @Test
    void cannotOpenAnSlaTierThatCreditsNothing() {
        fixture.givenNoPriorActivity()
                .when(open(new Sla(9990, List.of(new SlaCreditTier(9990, 0)))))
                .expectNoEvents()
                .expectException(rejected(VALIDATION_FAILED));
    }

    @Test
    void cannotOpenAnSlaBeyondTenThousandBasisPoints() {
        fixture.givenNoPriorActivity()
                .when(open(new Sla(10_001, List.of(new SlaCreditTier(9990, 1000)))))
                .expectNoEvents()
                .expectException(rejected(VALIDATION_FAILED));
    }

    @Test
    void canChooseTheLargestCreditAmongTheTiersTheUptimeIsBelow() {
        Sla unordered = new Sla(9990, List.of(new SlaCreditTier(9900, 3000), new SlaCreditTier(9990, 1000),
                new SlaCreditTier(9500, 2000)));

        assertThat(unordered.creditBpsFor(10_000)).isZero();
        assertThat(unordered.creditBpsFor(9990)).as("not below 9990").isZero();
        assertThat(unordered.creditBpsFor(9989)).isEqualTo(1000);
        assertThat(unordered.creditBpsFor(9899)).isEqualTo(3000);
        assertThat(unordered.creditBpsFor(9000)).as("3000 is the largest, though 9500's tier is the lowest")
                .isEqualTo(3000);
    }

    // --- downtime

    @Test
    void canReportDowntimeWithinTheLease() {
        fixture.given(opened(SLA))
                .when(downtime("d-1", "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z"))
                .expectEvents(down("d-1", "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z"))
                .expectResultMessagePayload(new DowntimeResult("d-1", at("2026-11-20T10:00:00Z"),
                        at("2026-11-20T12:00:00Z"), false));
    }

    @Test
    void canReportTheSameDowntimeAgainAndBeAnsweredTheFirst() {
        fixture.given(opened(SLA), down("d-1", "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z"))
                .when(downtime("d-1", "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z"))
                .expectNoEvents()
                .expectResultMessagePayload(new DowntimeResult("d-1", at("2026-11-20T10:00:00Z"),
                        at("2026-11-20T12:00:00Z"), true));
    }

    @Test
    void cannotReuseADowntimeReportIdForAnotherPeriod() {
        fixture.given(opened(SLA), down("d-1", "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z"))
                .when(downtime("d-1", "2026-11-21T10:00:00Z", "2026-11-21T12:00:00Z"))
                .expectNoEvents()
                .expectException(rejected(DOWNTIME_REPORT_CONFLICT));
    }

    @Test
    void cannotReportDowntimeOverlappingDowntime() {
        fixture.given(opened(SLA), down("d-1", "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z"))
                .when(downtime("d-2", "2026-11-20T11:59:59Z", "2026-11-20T13:00:00Z"))
                .expectNoEvents()
                .expectException(rejected(DOWNTIME_OVERLAP));
    }

    @Test
    void cannotReportDowntimeAroundEarlierDowntime() {
        fixture.given(opened(SLA), down("d-1", "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z"))
                .when(downtime("d-2", "2026-11-20T09:00:00Z", "2026-11-20T13:00:00Z"))
                .expectNoEvents()
                .expectException(rejected(DOWNTIME_OVERLAP));
    }

    @Test
    void canReportDowntimeTouchingEarlierDowntime() {
        fixture.given(opened(SLA), down("d-1", "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z"))
                .when(downtime("d-2", "2026-11-20T12:00:00Z", "2026-11-20T13:00:00Z"))
                .expectEvents(down("d-2", "2026-11-20T12:00:00Z", "2026-11-20T13:00:00Z"));
    }

    @Test
    void cannotReportDowntimeBeforeTheLeaseStarts() {
        fixture.given(opened(SLA))
                .when(downtime("d-1", "2026-11-14T23:00:00Z", "2026-11-15T01:00:00Z"))
                .expectNoEvents()
                .expectException(rejected(DOWNTIME_OUTSIDE_LEASE));
    }

    @Test
    void cannotReportDowntimeAfterTheLeaseClosed() {
        fixture.given(opened(SLA), closed("2026-11-20T12:00:00Z"))
                .when(downtime("d-1", "2026-11-20T11:00:00Z", "2026-11-20T13:00:00Z"))
                .expectNoEvents()
                .expectException(rejected(DOWNTIME_OUTSIDE_LEASE));
    }

    @Test
    void canReportDowntimeBeforeTheCloseOnceTheLeaseClosed() {
        fixture.given(opened(SLA), closed("2026-11-20T12:00:00Z"))
                .when(downtime("d-1", "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z"))
                .expectEvents(down("d-1", "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z"));
    }

    @Test
    void cannotReportDowntimeOnALeaseWithoutAnSla() {
        fixture.given(opened(null))
                .when(downtime("d-1", "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z"))
                .expectNoEvents()
                .expectException(rejected(LEASE_WITHOUT_SLA));
    }

    @Test
    void cannotReportDowntimeInAWindowClosedAlready() {
        fixture.given(opened(SLA), novemberClosed(0, 10_000, 0, 0))
                .when(downtime("d-1", "2026-11-30T23:00:00Z", "2026-12-01T01:00:00Z"))
                .expectNoEvents()
                .expectException(rejected(SLA_WINDOW_CLOSED));
    }

    @Test
    void cannotCloseTheLeaseBeforeReportedDowntimeEnds() {
        fixture.given(opened(SLA), down("d-1", "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z"))
                .when(new CloseLeaseCommand(MKT, LEASE, CloseReason.SLA_BREACH, at("2026-11-20T11:00:00Z")))
                .expectNoEvents()
                .expectException(rejected(CLOSE_BEFORE_RECORDED_DOWNTIME));
    }

    @Test
    void cannotCloseTheLeaseBeforeTheEndOfAWindowClosedAlready() {
        fixture.given(opened(SLA), novemberClosed(0, 10_000, 0, 0))
                .when(new CloseLeaseCommand(MKT, LEASE, CloseReason.SLA_BREACH, at("2026-11-25T00:00:00Z")))
                .expectNoEvents()
                .expectException(rejected(SLA_WINDOW_CLOSED));
    }

    // --- windows

    @Test
    void canCloseAWindowAtTheMonthEndCreditingTheUsageThatStartedInIt() {
        // 7,200 of the downtime's 14,400 seconds fall in Nov: floor(10000 × 1,375,200 / 1,382,400) = 9947.
        fixture.given(opened(SLA), usage("r-1", "2026-11-30T23:00:00Z", "2026-12-01T01:00:00Z", 7200, 7_200_000),
                        usage("r-2", "2026-12-01T01:00:00Z", "2026-12-01T02:00:00Z", 3600, 3_600_000),
                        down("d-1", "2026-11-30T22:00:00Z", "2026-12-01T02:00:00Z"))
                .when(closeWindows("2026-12-01T00:00:00Z"))
                .expectEvents(novemberClosed(7200, 9947, 1000, 7_200_000, 720_000),
                        credit("2026-11", 720_000, charges(-720_000, -36_000, -684_000)))
                .expectResultMessagePayload(1);
    }

    @Test
    void cannotCloseAWindowBeforeItEnds() {
        fixture.given(opened(SLA), down("d-1", "2026-11-30T22:00:00Z", "2026-12-01T02:00:00Z"))
                .when(closeWindows("2026-11-30T23:59:59Z"))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }

    @Test
    void cannotCloseAWindowTwice() {
        fixture.given(opened(SLA), usage("r-1", "2026-11-30T23:00:00Z", "2026-12-01T01:00:00Z", 7200, 7_200_000),
                        down("d-1", "2026-11-30T22:00:00Z", "2026-12-01T02:00:00Z"),
                        novemberClosed(7200, 9947, 1000, 7_200_000, 720_000),
                        credit("2026-11", 720_000, charges(-720_000, -36_000, -684_000)))
                .when(closeWindows("2026-12-01T00:00:00Z"))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }

    @Test
    void canCloseEveryWindowThatEndedInOneGoOldestFirst() {
        // Dec: 7,200 seconds down of 2,678,400: 9973, credited 1000 bps of its 3,600,000.
        fixture.given(opened(SLA), usage("r-1", "2026-11-30T23:00:00Z", "2026-12-01T01:00:00Z", 7200, 7_200_000),
                        usage("r-2", "2026-12-01T01:00:00Z", "2026-12-01T02:00:00Z", 3600, 3_600_000),
                        down("d-1", "2026-11-30T22:00:00Z", "2026-12-01T02:00:00Z"))
                .when(closeWindows("2027-01-01T00:00:00Z"))
                .expectEvents(novemberClosed(7200, 9947, 1000, 7_200_000, 720_000),
                        credit("2026-11", 720_000, charges(-720_000, -36_000, -684_000)),
                        new SlaWindowClosedEvent(MKT, LEASE, "2026-12", at("2026-12-01T00:00:00Z"),
                                at("2027-01-01T00:00:00Z"), 2_678_400, 7200, 9973, 1000, units(3_600_000),
                                units(360_000)),
                        credit("2026-12", 360_000, charges(-360_000, -18_000, -342_000)))
                .expectResultMessagePayload(2);
    }

    @Test
    void canEndAWindowAtTheLeasesCloseForAnSlaBreach() {
        // Nov 15 to the close at Nov 20 12:00 is 475,200 seconds; 7,200 down: 9848, below 9900: 3000 bps.
        fixture.given(opened(SLA), usage("r-1", "2026-11-15T00:00:00Z", "2026-11-15T01:00:00Z", 3600, 3_600_000),
                        down("d-1", "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z"), closed("2026-11-20T12:00:00Z"))
                .when(closeWindows("2026-11-21T00:00:00Z"))
                .expectEvents(new SlaWindowClosedEvent(MKT, LEASE, "2026-11", START, at("2026-11-20T12:00:00Z"), 475_200,
                                7200, 9848, 3000, units(3_600_000), units(1_080_000)),
                        credit("2026-11", 1_080_000, charges(-1_080_000, -54_000, -1_026_000)))
                .expectResultMessagePayload(1);
    }

    @Test
    void cannotCloseAnyWindowOfALeaseAfterItsLastOne() {
        fixture.given(opened(SLA), closed("2026-11-20T12:00:00Z"),
                        new SlaWindowClosedEvent(MKT, LEASE, "2026-11", START, at("2026-11-20T12:00:00Z"), 475_200, 0,
                                10_000, 0, units(0), units(0)))
                .when(closeWindows("2027-03-01T00:00:00Z"))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }

    @Test
    void canCloseAWindowWithoutCreditWhenNoTierApplies() {
        fixture.given(opened(SLA), usage("r-1", "2026-11-15T00:00:00Z", "2026-11-15T01:00:00Z", 3600, 3_600_000),
                        down("d-1", "2026-11-20T10:00:00Z", "2026-11-20T10:00:01Z"))
                .when(closeWindows("2026-12-01T00:00:00Z"))
                .expectEvents(new SlaWindowClosedEvent(MKT, LEASE, "2026-11", START, at("2026-12-01T00:00:00Z"),
                        1_382_400, 1, 9999, 0, units(3_600_000), units(0)));
    }

    @Test
    void cannotCreditBeyondWhatTheLeaseWasCharged() {
        Sla everything = new Sla(10_000, List.of(new SlaCreditTier(10_000, 10_000)));
        fixture.given(opened(everything), usage("r-1", "2026-11-15T00:00:00Z", "2026-11-15T01:00:00Z", 3600, 3_600_000),
                        new LeaseAdjustedEvent(MKT, LEASE, "goodwill-1", AdjustmentKind.CREDIT, units(1_000_000),
                                AdjustmentReason.GOODWILL, units(-1_000_000), units(-50_000), units(-950_000)),
                        down("d-1", "2026-11-20T10:00:00Z", "2026-11-20T10:00:01Z"))
                .when(closeWindows("2026-12-01T00:00:00Z"))
                .expectEvents(new SlaWindowClosedEvent(MKT, LEASE, "2026-11", START, at("2026-12-01T00:00:00Z"),
                                1_382_400, 1, 9999, 10_000, units(3_600_000), units(2_600_000)),
                        credit("2026-11", 2_600_000, charges(-2_600_000, -130_000, -2_470_000)));
    }

    @Test
    void cannotCloseAnyWindowOfALeaseWithoutAnSla() {
        fixture.given(opened(null), usage("r-1", "2026-11-15T00:00:00Z", "2026-11-15T01:00:00Z", 3600, 3_600_000))
                .when(closeWindows("2027-01-01T00:00:00Z"))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }

    @Test
    void canGiveAPrepaidTenantItsSlaCreditBack() {
        EventStore accountEvents = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        String account = TenantAccountKey.of(MKT, "tenant-42");
        accountEvents.publish(new GenericDomainEventMessage<>("TenantAccount", account, 0,
                new DepositRecordedEvent(MKT, "tenant-42", "d-1", FundingKind.DEPOSIT, units(10_000_000))));
        LeaseOpenedEvent prepaid = new LeaseOpenedEvent(MKT, LEASE, "prov-7", PAYOUT, "tenant-42", "H100-SXM-80GB", 1,
                PRICE, 500, START, null, Billing.PREPAID, null, null, null, null, SLA);

        LeaseFixtures.withAccountsIn(accountEvents)
                .given(prepaid, usage("r-1", "2026-11-15T00:00:00Z", "2026-11-15T01:00:00Z", 3600, 3_600_000),
                        down("d-1", "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z"), closed("2026-11-20T12:00:00Z"))
                .when(closeWindows("2026-11-21T00:00:00Z"))
                .expectEvents(new SlaWindowClosedEvent(MKT, LEASE, "2026-11", START, at("2026-11-20T12:00:00Z"), 475_200,
                                7200, 9848, 3000, units(3_600_000), units(1_080_000)),
                        credit("2026-11", 1_080_000, charges(-1_080_000, -54_000, -1_026_000)));

        assertThat(accountEvents.readEvents(account).asStream().map(EventMessage::getPayload).skip(1).map(Object.class::cast).toList())
                .as("the credit drawn back from the tenant's account, as any credit's slice")
                .containsExactly(new TenantChargedEvent(MKT, "tenant-42", List.of(new LeaseCharge(LEASE,
                        units(-1_080_000), units(-54_000), units(-1_026_000), false))));
    }

    // --- helpers

    private static OpenLeaseCommand open(Sla sla) {
        return new OpenLeaseCommand(MKT, LEASE, "prov-7", PAYOUT, "tenant-42", "H100-SXM-80GB", 1, PRICE, 500, START,
                null, Billing.POSTPAID, null, null, null, null, sla);
    }

    private static LeaseOpenedEvent opened(Sla sla) {
        return new LeaseOpenedEvent(MKT, LEASE, "prov-7", PAYOUT, "tenant-42", "H100-SXM-80GB", 1, PRICE, 500, START,
                null, Billing.POSTPAID, null, null, null, null, sla);
    }

    private static LeaseClosedEvent closed(String closedAt) {
        return new LeaseClosedEvent(MKT, LEASE, CloseReason.SLA_BREACH, at(closedAt));
    }

    private static ReportDowntimeCommand downtime(String reportId, String from, String to) {
        return new ReportDowntimeCommand(MKT, LEASE, reportId, at(from), at(to));
    }

    private static DowntimeReportedEvent down(String reportId, String from, String to) {
        return new DowntimeReportedEvent(MKT, LEASE, reportId, at(from), at(to));
    }

    private static CloseSlaWindowsCommand closeWindows(String accrueThrough) {
        return new CloseSlaWindowsCommand(MKT, LEASE, at(accrueThrough));
    }

    /** A report of 1,000 units a GPU-second; {@code charged} is its slice, the fee 5% of it. */
    private static UsageRecordedEvent usage(String reportId, String from, String to, long gpuSeconds, long charged) {
        return new UsageRecordedEvent(MKT, LEASE, List.of(new RecordedUsage(reportId, at(from), at(to), gpuSeconds, PRICE,
                units(charged), units(charged / 20), units(charged - charged / 20))));
    }

    private static SlaWindowClosedEvent novemberClosed(long down, int uptimeBps, int creditBps, long windowCharged,
                                                       long credit) {
        return new SlaWindowClosedEvent(MKT, LEASE, "2026-11", START, at("2026-12-01T00:00:00Z"), 1_382_400, down,
                uptimeBps, creditBps, units(windowCharged), units(credit));
    }

    private static SlaWindowClosedEvent novemberClosed(long down, int uptimeBps, long windowCharged, long credit) {
        return novemberClosed(down, uptimeBps, 0, windowCharged, credit);
    }

    private static LeaseAdjustedEvent credit(String window, long amount, Charges slice) {
        return new LeaseAdjustedEvent(MKT, LEASE, "sla:" + window, AdjustmentKind.CREDIT, units(amount),
                AdjustmentReason.SLA_CREDIT, slice.chargedUnits(), slice.feeUnits(), slice.providerUnits());
    }

    private static Charges charges(long charged, long fee, long provider) {
        return new Charges(units(charged), units(fee), units(provider));
    }

    private static BigInteger units(long units) {
        return BigInteger.valueOf(units);
    }

    private static Instant at(String moment) {
        return Instant.parse(moment);
    }
}
