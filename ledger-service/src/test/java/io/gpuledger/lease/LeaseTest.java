package io.gpuledger.lease;

import static io.gpuledger.common.RejectionCode.CLOSE_BEFORE_RECORDED_USAGE;
import static io.gpuledger.common.RejectionCode.LEASE_CLOSED;
import static io.gpuledger.common.RejectionCode.LEASE_NOT_STARTED;
import static io.gpuledger.common.RejectionCode.PRICE_CHANGE_BEFORE_RECORDED_USAGE;
import static io.gpuledger.common.RejectionCode.PRICE_CHANGE_OUT_OF_ORDER;
import static io.gpuledger.common.RejectionCode.USAGE_EXCEEDS_CAPACITY;
import static io.gpuledger.common.RejectionCode.USAGE_OUTSIDE_LEASE;
import static io.gpuledger.common.RejectionCode.USAGE_PERIOD_OVERLAP;
import static io.gpuledger.common.RejectionCode.USAGE_REPORT_CONFLICT;
import static io.gpuledger.common.RejectionCode.VALIDATION_FAILED;
import static io.gpuledger.support.RejectionMatchers.rejected;

import io.gpuledger.common.Charges;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.ChangeLeasePriceCommand;
import io.gpuledger.lease.api.CloseLeaseCommand;
import io.gpuledger.lease.api.CloseReason;
import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.LeasePriceChangedEvent;
import io.gpuledger.lease.api.OpenLeaseCommand;
import io.gpuledger.lease.api.LeaseUsageOutcomes;
import io.gpuledger.lease.api.RecordUsageAcrossLeasesCommand;
import io.gpuledger.lease.api.RecordUsageBatchCommand;
import io.gpuledger.lease.api.RecordUsageCommand;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageOutcome;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageReport;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lease's rules, one test each. The standard lease: 8 GPUs from {@link #START} to {@link #END}
 * at 2,100,000 units per GPU-hour with a 5% fee, so one full hour of all 8 GPUs (28,800 GPU-seconds)
 * charges 16,800,000 units: 840,000 fee and 15,960,000 to the provider.
 */
class LeaseTest {

    private static final String MKT = "mkt-a";
    private static final String LEASE = "lease-1";
    private static final String PAYOUT = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-12-01T00:00:00Z");
    private static final BigInteger PRICE = BigInteger.valueOf(2_100_000);
    private static final BigInteger NEW_PRICE = BigInteger.valueOf(1_800_000);
    private static final long FULL_HOUR = 8 * 3600;

    private FixtureConfiguration<Lease> fixture;

    @BeforeEach
    void setUp() {
        fixture = LeaseFixtures.postpaid();
    }

    // --- opening

    @Test
    void canOpenALease() {
        fixture.givenNoPriorActivity()
                .when(open(8, PRICE, 500, START, END))
                .expectSuccessfulHandlerExecution()
                .expectEvents(opened());
    }

    @Test
    void canOpenALeaseWithoutAnEnd() {
        fixture.givenNoPriorActivity()
                .when(open(8, PRICE, 500, START, null))
                .expectEvents(new LeaseOpenedEvent(MKT, LEASE, "prov-7", PAYOUT, "tenant-42", "H100-SXM-80GB", 8,
                        PRICE, 500, START, null, Billing.POSTPAID));
    }

    @Test
    void canOpenALeaseAtAZeroPriceWithNoFeeOrAFeeOfTheWholeCharge() {
        fixture.givenNoPriorActivity()
                .when(open(1, BigInteger.ZERO, 0, START, END))
                .expectSuccessfulHandlerExecution();
        new AggregateTestFixture<>(Lease.class).givenNoPriorActivity()
                .when(open(1, PRICE, 10_000, START, END))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotOpenALeaseWithoutGpus() {
        fixture.givenNoPriorActivity()
                .when(open(0, PRICE, 500, START, END))
                .expectNoEvents()
                .expectException(rejected(VALIDATION_FAILED, "gpuCount"));
    }

    @Test
    void cannotOpenALeaseWithANegativeFee() {
        fixture.givenNoPriorActivity()
                .when(open(8, PRICE, -1, START, END))
                .expectNoEvents()
                .expectException(rejected(VALIDATION_FAILED, "marketplaceFeeBps"));
    }

    @Test
    void cannotOpenALeaseWithAFeeAboveTheWholeCharge() {
        fixture.givenNoPriorActivity()
                .when(open(8, PRICE, 10_001, START, END))
                .expectNoEvents()
                .expectException(rejected(VALIDATION_FAILED, "marketplaceFeeBps"));
    }

    @Test
    void cannotOpenALeaseWithANegativePrice() {
        fixture.givenNoPriorActivity()
                .when(open(8, BigInteger.valueOf(-1), 500, START, END))
                .expectNoEvents()
                .expectException(rejected(VALIDATION_FAILED, "priceUnitsPerGpuHour"));
    }

    @Test
    void cannotOpenALeaseThatEndsWhenItStarts() {
        fixture.givenNoPriorActivity()
                .when(open(8, PRICE, 500, START, START))
                .expectNoEvents()
                .expectException(rejected(VALIDATION_FAILED, "endsAt"));
    }

    @Test
    void cannotOpenALeaseThatEndsBeforeItStarts() {
        fixture.givenNoPriorActivity()
                .when(open(8, PRICE, 500, START, START.minusSeconds(1)))
                .expectNoEvents()
                .expectException(rejected(VALIDATION_FAILED, "endsAt"));
    }

    // --- price changes

    @Test
    void canChangeThePriceFromAMomentOn() {
        fixture.given(opened())
                .when(changePrice(NEW_PRICE, hour(10)))
                .expectEvents(new LeasePriceChangedEvent(MKT, LEASE, NEW_PRICE, hour(10)));
    }

    @Test
    void canChangeThePriceFromTheEndOfRecordedUsage() {
        fixture.given(opened(), recorded("r-1", hour(0), hour(1), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .when(changePrice(NEW_PRICE, hour(1)))
                .expectEvents(new LeasePriceChangedEvent(MKT, LEASE, NEW_PRICE, hour(1)));
    }

    @Test
    void canChangeThePriceFromTheMomentTheLeaseStarts() {
        fixture.given(opened())
                .when(changePrice(NEW_PRICE, START))
                .expectEvents(new LeasePriceChangedEvent(MKT, LEASE, NEW_PRICE, START));
    }

    @Test
    void canReplaceAPriceChangeThatNoUsageHasReachedYet() {
        fixture.given(opened(), new LeasePriceChangedEvent(MKT, LEASE, NEW_PRICE, hour(10)))
                .when(changePrice(BigInteger.valueOf(3_600_000), hour(10)))
                .expectEvents(new LeasePriceChangedEvent(MKT, LEASE, BigInteger.valueOf(3_600_000), hour(10)));
    }

    @Test
    void cannotChangeThePriceBeforeTheEndOfRecordedUsage() {
        fixture.given(opened(), recorded("r-1", hour(0), hour(2), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .when(changePrice(NEW_PRICE, hour(1)))
                .expectNoEvents()
                .expectException(rejected(PRICE_CHANGE_BEFORE_RECORDED_USAGE, "effectiveFrom"));
    }

    @Test
    void cannotChangeThePriceBeforeTheEndOfRecordedUsageThatArrivedOutOfOrder() {
        fixture.given(opened(),
                        recorded("r-2", hour(5), hour(6), FULL_HOUR, PRICE, charges(16_800_000, 840_000)),
                        recorded("r-1", hour(0), hour(1), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .when(changePrice(NEW_PRICE, hour(3)))
                .expectNoEvents()
                .expectException(rejected(PRICE_CHANGE_BEFORE_RECORDED_USAGE, "effectiveFrom"));
    }

    @Test
    void cannotChangeThePriceOutOfOrder() {
        fixture.given(opened(), new LeasePriceChangedEvent(MKT, LEASE, NEW_PRICE, hour(10)))
                .when(changePrice(BigInteger.valueOf(3_600_000), hour(9)))
                .expectNoEvents()
                .expectException(rejected(PRICE_CHANGE_OUT_OF_ORDER, "effectiveFrom"));
    }

    @Test
    void cannotChangeThePriceBeforeTheLeaseStarts() {
        fixture.given(opened())
                .when(changePrice(NEW_PRICE, START.minusSeconds(1)))
                .expectNoEvents()
                .expectException(rejected(LEASE_NOT_STARTED, "effectiveFrom"));
    }

    @Test
    void cannotChangeThePriceOfAClosedLease() {
        fixture.given(opened(), closed(hour(20)))
                .when(changePrice(NEW_PRICE, hour(10)))
                .expectNoEvents()
                .expectException(rejected(LEASE_CLOSED, null));
    }

    // --- closing

    @Test
    void canCloseALease() {
        fixture.given(opened())
                .when(new CloseLeaseCommand(MKT, LEASE, CloseReason.TENANT_ENDED, hour(20)))
                .expectEvents(new LeaseClosedEvent(MKT, LEASE, CloseReason.TENANT_ENDED, hour(20)));
    }

    @Test
    void canCloseALeaseAtTheEndOfRecordedUsage() {
        fixture.given(opened(), recorded("r-1", hour(0), hour(1), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .when(new CloseLeaseCommand(MKT, LEASE, CloseReason.SLA_BREACH, hour(1)))
                .expectEvents(new LeaseClosedEvent(MKT, LEASE, CloseReason.SLA_BREACH, hour(1)));
    }

    @Test
    void canCloseALeaseTheMomentItStarts() {
        fixture.given(opened())
                .when(new CloseLeaseCommand(MKT, LEASE, CloseReason.PROVIDER_ENDED, START))
                .expectEvents(new LeaseClosedEvent(MKT, LEASE, CloseReason.PROVIDER_ENDED, START));
    }

    @Test
    void cannotCloseALeaseBeforeRecordedUsageEnds() {
        fixture.given(opened(), recorded("r-1", hour(0), hour(2), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .when(new CloseLeaseCommand(MKT, LEASE, CloseReason.TENANT_ENDED, hour(1)))
                .expectNoEvents()
                .expectException(rejected(CLOSE_BEFORE_RECORDED_USAGE, "closedAt"));
    }

    @Test
    void cannotCloseALeaseTwice() {
        fixture.given(opened(), closed(hour(20)))
                .when(new CloseLeaseCommand(MKT, LEASE, CloseReason.TENANT_ENDED, hour(30)))
                .expectNoEvents()
                .expectException(rejected(LEASE_CLOSED, null));
    }

    @Test
    void cannotCloseALeaseBeforeItStarts() {
        fixture.given(opened())
                .when(new CloseLeaseCommand(MKT, LEASE, CloseReason.TENANT_ENDED, START.minusSeconds(1)))
                .expectNoEvents()
                .expectException(rejected(LEASE_NOT_STARTED, "closedAt"));
    }

    // --- usage: the money rule

    @Test
    void canRecordUsageChargedByTheMoneyRule() {
        fixture.given(opened())
                .when(usage("r-1", hour(0), hour(1), FULL_HOUR))
                .expectEvents(recorded("r-1", hour(0), hour(1), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .expectResultMessagePayload(UsageOutcome.accepted("r-1", charges(16_800_000, 840_000)));
    }

    @Test
    void canRecordUsageWhoseChargesAreFlooredOnceOverTheLeasesCumulativeValue() {
        // 1 GPU-second at 1,000,001 units per GPU-hour is worth 277.78 units: 277 are charged, and the
        // second such second brings the lease to 555.56, so it is charged 278. A 3.33% fee floors
        // likewise on the cumulative charge: 9 of 277, then 18 of 555.
        BigInteger price = BigInteger.valueOf(1_000_001);
        LeaseOpenedEvent opened = new LeaseOpenedEvent(MKT, LEASE, "prov-7", PAYOUT, "tenant-42", "H100-SXM-80GB",
                1, price, 333, START, END, Billing.POSTPAID);
        fixture.given(opened, recorded("r-1", hour(0), hour(0).plusSeconds(1), 1, price,
                        new Charges(BigInteger.valueOf(277), BigInteger.valueOf(9), BigInteger.valueOf(268))))
                .when(usage("r-2", hour(1), hour(1).plusSeconds(1), 1))
                .expectEvents(recorded("r-2", hour(1), hour(1).plusSeconds(1), 1, price,
                        new Charges(BigInteger.valueOf(278), BigInteger.valueOf(9), BigInteger.valueOf(269))));
    }

    @Test
    void canRecordUsageOfNoGpuSeconds() {
        fixture.given(opened())
                .when(usage("r-1", hour(0), hour(1), 0))
                .expectEvents(recorded("r-1", hour(0), hour(1), 0, PRICE, charges(0, 0)));
    }

    // --- usage: report ids

    @Test
    void canReplayARecordedReportAndGetItsFirstCharges() {
        fixture.given(opened(), recorded("r-1", hour(0), hour(1), FULL_HOUR, PRICE, charges(16_800_000, 840_000)),
                        recorded("r-2", hour(1), hour(2), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .when(usage("r-1", hour(0), hour(1), FULL_HOUR))
                .expectNoEvents()
                .expectResultMessagePayload(UsageOutcome.duplicate("r-1", charges(16_800_000, 840_000)));
    }

    @Test
    void canReplayARecordedReportAfterTheLeaseIsClosed() {
        fixture.given(opened(), recorded("r-1", hour(0), hour(1), FULL_HOUR, PRICE, charges(16_800_000, 840_000)),
                        closed(hour(1)))
                .when(usage("r-1", hour(0), hour(1), FULL_HOUR))
                .expectNoEvents()
                .expectResultMessagePayload(UsageOutcome.duplicate("r-1", charges(16_800_000, 840_000)));
    }

    @Test
    void cannotRecordADifferentReportUnderARecordedReportId() {
        fixture.given(opened(), recorded("r-1", hour(0), hour(1), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .when(usage("r-1", hour(0), hour(1), FULL_HOUR - 1))
                .expectNoEvents()
                .expectException(rejected(USAGE_REPORT_CONFLICT, "reportId"));
    }

    @Test
    void cannotRecordAReportIdAgainForAnotherPeriod() {
        fixture.given(opened(), recorded("r-1", hour(0), hour(1), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .when(usage("r-1", hour(5), hour(6), FULL_HOUR))
                .expectNoEvents()
                .expectException(rejected(USAGE_REPORT_CONFLICT, "reportId"));
    }

    // --- usage: the lease's window

    @Test
    void cannotRecordUsageThatStartsBeforeTheLease() {
        fixture.given(opened())
                .when(usage("r-1", START.minusSeconds(60), hour(1), 10))
                .expectNoEvents()
                .expectException(rejected(USAGE_OUTSIDE_LEASE, "periodStart"));
    }

    @Test
    void cannotRecordUsageThatEndsAfterTheLease() {
        fixture.given(opened())
                .when(usage("r-1", END.minusSeconds(3600), END.plusSeconds(1), 10))
                .expectNoEvents()
                .expectException(rejected(USAGE_OUTSIDE_LEASE, "periodEnd"));
    }

    @Test
    void cannotRecordUsageThatStartsAfterTheLeaseEnds() {
        fixture.given(opened())
                .when(usage("r-1", END, END.plusSeconds(3600), 10))
                .expectNoEvents()
                .expectException(rejected(USAGE_OUTSIDE_LEASE, "periodEnd"));
    }

    @Test
    void canRecordUsageThatEndsExactlyWhenTheLeaseEnds() {
        fixture.given(opened())
                .when(usage("r-1", END.minusSeconds(3600), END, FULL_HOUR))
                .expectEvents(recorded("r-1", END.minusSeconds(3600), END, FULL_HOUR, PRICE,
                        charges(16_800_000, 840_000)));
    }

    @Test
    void canRecordUsageLongAfterTheStartOfALeaseWithoutAnEnd() {
        fixture.given(new LeaseOpenedEvent(MKT, LEASE, "prov-7", PAYOUT, "tenant-42", "H100-SXM-80GB", 8, PRICE,
                        500, START, null, Billing.POSTPAID))
                .when(usage("r-1", hour(24 * 400), hour(24 * 400 + 1), FULL_HOUR))
                .expectEvents(recorded("r-1", hour(24 * 400), hour(24 * 400 + 1), FULL_HOUR, PRICE,
                        charges(16_800_000, 840_000)));
    }

    @Test
    void cannotRecordUsageThatStraddlesTheClose() {
        fixture.given(opened(), closed(hour(10)))
                .when(usage("r-1", hour(9), hour(11), 10))
                .expectNoEvents()
                .expectException(rejected(USAGE_OUTSIDE_LEASE, "periodEnd"));
    }

    @Test
    void cannotRecordUsageThatStartsWhenTheLeaseCloses() {
        fixture.given(opened(), closed(hour(10)))
                .when(usage("r-1", hour(10), hour(11), 10))
                .expectNoEvents()
                .expectException(rejected(LEASE_CLOSED, "periodStart"));
    }

    @Test
    void cannotRecordUsageThatStartsAfterTheLeaseClosed() {
        fixture.given(opened(), closed(hour(10)))
                .when(usage("r-1", hour(12), hour(13), 10))
                .expectNoEvents()
                .expectException(rejected(LEASE_CLOSED, "periodStart"));
    }

    @Test
    void canRecordLateUsageThatEndsByTheClose() {
        fixture.given(opened(), closed(hour(10)))
                .when(usage("r-1", hour(9), hour(10), FULL_HOUR))
                .expectEvents(recorded("r-1", hour(9), hour(10), FULL_HOUR, PRICE, charges(16_800_000, 840_000)));
    }

    // --- usage: capacity

    @Test
    void canRecordUsageExactlyAtCapacity() {
        fixture.given(opened())
                .when(usage("r-1", hour(0), hour(0).plusSeconds(90), 8 * 90))
                .expectEvents(recorded("r-1", hour(0), hour(0).plusSeconds(90), 8 * 90, PRICE,
                        charges(420_000, 21_000)));
    }

    @Test
    void cannotRecordMoreGpuSecondsThanTheLeasesGpusHoldOverThePeriod() {
        fixture.given(opened())
                .when(usage("r-1", hour(0), hour(0).plusSeconds(90), 8 * 90 + 1))
                .expectNoEvents()
                .expectException(rejected(USAGE_EXCEEDS_CAPACITY, "gpuSeconds"));
    }

    @Test
    void countsOnlyWholeSecondsOfAPeriodTowardsCapacity() {
        // 0.7 s to 90.2 s is 89.5 s: 89 whole seconds, 8 × 89 GPU-seconds.
        Instant start = hour(0).plusMillis(700);
        Instant end = hour(0).plusSeconds(90).plusMillis(200);
        fixture.given(opened())
                .when(batch(report("r-1", start, end, 8 * 89 + 1)))
                .expectResultMessagePayloadMatching(outcomes("REJECTED r-1 USAGE_EXCEEDS_CAPACITY"));
        fixture.given(opened())
                .when(usage("r-1", start, end, 8 * 89))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void acceptsAnyGpuSecondsWhenTheCapacityExceedsALong() {
        // 2,147,483,647 GPUs over some 300 years: about 2 × 10^19 GPU-seconds, more than a long holds.
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Instant end = Instant.parse("2326-01-01T00:00:00Z");
        fixture.given(new LeaseOpenedEvent(MKT, LEASE, "prov-7", PAYOUT, "tenant-42", "H100-SXM-80GB",
                        Integer.MAX_VALUE, BigInteger.ONE, 500, start, null, Billing.POSTPAID))
                .when(usage("r-1", start, end, Long.MAX_VALUE))
                .expectSuccessfulHandlerExecution();
    }

    // --- usage: overlapping periods

    @Test
    void cannotRecordUsageThatOverlapsTheStartOfRecordedUsage() {
        fixture.given(opened(), recorded("r-1", hour(2), hour(4), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .when(usage("r-2", hour(1), hour(3), 10))
                .expectNoEvents()
                .expectException(rejected(USAGE_PERIOD_OVERLAP, "periodStart"));
    }

    @Test
    void cannotRecordUsageThatOverlapsTheEndOfRecordedUsage() {
        fixture.given(opened(), recorded("r-1", hour(2), hour(4), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .when(usage("r-2", hour(3), hour(5), 10))
                .expectNoEvents()
                .expectException(rejected(USAGE_PERIOD_OVERLAP, "periodStart"));
    }

    @Test
    void cannotRecordUsageInsideRecordedUsage() {
        fixture.given(opened(), recorded("r-1", hour(2), hour(4), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .when(usage("r-2", hour(2).plusSeconds(1), hour(4).minusSeconds(1), 10))
                .expectNoEvents()
                .expectException(rejected(USAGE_PERIOD_OVERLAP, "periodStart"));
    }

    @Test
    void cannotRecordUsageThatCoversRecordedUsage() {
        fixture.given(opened(), recorded("r-1", hour(2), hour(4), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .when(usage("r-2", hour(1), hour(5), 10))
                .expectNoEvents()
                .expectException(rejected(USAGE_PERIOD_OVERLAP, "periodStart"));
    }

    @Test
    void cannotRecordUsageForThePeriodOfRecordedUsageUnderAnotherReportId() {
        fixture.given(opened(), recorded("r-1", hour(2), hour(4), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .when(usage("r-2", hour(2), hour(4), FULL_HOUR))
                .expectNoEvents()
                .expectException(rejected(USAGE_PERIOD_OVERLAP, "periodStart"));
    }

    @Test
    void cannotRecordUsageThatOverlapsTheGapBetweenTwoRecordedPeriodsAndOneOfThem() {
        fixture.given(opened(),
                        recorded("r-1", hour(0), hour(1), FULL_HOUR, PRICE, charges(16_800_000, 840_000)),
                        recorded("r-2", hour(3), hour(4), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .when(usage("r-3", hour(1), hour(3).plusSeconds(1), 10))
                .expectNoEvents()
                .expectException(rejected(USAGE_PERIOD_OVERLAP, "periodStart"));
    }

    @Test
    void canRecordUsageAdjacentToRecordedUsageOnBothSides() {
        fixture.given(opened(),
                        recorded("r-1", hour(0), hour(1), FULL_HOUR, PRICE, charges(16_800_000, 840_000)),
                        recorded("r-2", hour(2), hour(3), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .when(usage("r-3", hour(1), hour(2), FULL_HOUR))
                .expectEvents(recorded("r-3", hour(1), hour(2), FULL_HOUR, PRICE, charges(16_800_000, 840_000)));
    }

    // --- usage: late and out-of-order reports

    @Test
    void canRecordLateUsageAtThePriceInForceWhenItsPeriodStarted() {
        // The new price holds from hour 10 and was used for r-2; r-1 arrives later for hours 2-3 and is
        // priced at the old price. Cumulatively: 28,800 × 1.8 + 28,800 × 2.1 = 31,200,000 units.
        fixture.given(opened(), new LeasePriceChangedEvent(MKT, LEASE, NEW_PRICE, hour(10)),
                        recorded("r-2", hour(10), hour(11), FULL_HOUR, NEW_PRICE, charges(14_400_000, 720_000)))
                .when(usage("r-1", hour(2), hour(3), FULL_HOUR))
                .expectEvents(recorded("r-1", hour(2), hour(3), FULL_HOUR, PRICE, charges(16_800_000, 840_000)));
    }

    @Test
    void canRecordUsageAfterAPriceChangeAtTheNewPrice() {
        fixture.given(opened(), new LeasePriceChangedEvent(MKT, LEASE, NEW_PRICE, hour(10)))
                .when(usage("r-1", hour(10), hour(11), FULL_HOUR))
                .expectEvents(recorded("r-1", hour(10), hour(11), FULL_HOUR, NEW_PRICE, charges(14_400_000, 720_000)));
    }

    @Test
    void canRecordUsageThatStraddlesAPriceChangeAtThePriceInForceAtItsStart() {
        fixture.given(opened(), new LeasePriceChangedEvent(MKT, LEASE, NEW_PRICE, hour(10)))
                .when(usage("r-1", hour(9), hour(10).plusSeconds(1800), FULL_HOUR))
                .expectEvents(recorded("r-1", hour(9), hour(10).plusSeconds(1800), FULL_HOUR, PRICE,
                        charges(16_800_000, 840_000)));
    }

    @Test
    void canRecordUsageOutOfOrderIntoAGapBetweenRecordedPeriods() {
        fixture.given(opened(), recorded("r-3", hour(5), hour(6), FULL_HOUR, PRICE, charges(16_800_000, 840_000)),
                        recorded("r-1", hour(0), hour(1), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .when(usage("r-2", hour(2), hour(3), FULL_HOUR))
                .expectEvents(recorded("r-2", hour(2), hour(3), FULL_HOUR, PRICE, charges(16_800_000, 840_000)));
    }

    // --- usage: malformed reports reaching the aggregate

    @Test
    void cannotRecordUsageOverAnEmptyPeriod() {
        fixture.given(opened())
                .when(usage("r-1", hour(1), hour(1), 0))
                .expectNoEvents()
                .expectException(rejected(VALIDATION_FAILED, "periodEnd"));
    }

    @Test
    void cannotRecordNegativeUsage() {
        fixture.given(opened())
                .when(usage("r-1", hour(1), hour(2), -1))
                .expectNoEvents()
                .expectException(rejected(VALIDATION_FAILED, "gpuSeconds"));
    }

    // --- usage batches

    @Test
    void canRecordABatchAnsweringEachReportAndApplyingOnlyTheAcceptedOnes() {
        fixture.given(opened(), recorded("r-0", hour(0), hour(1), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .when(batch(
                        report("r-1", hour(1), hour(2), FULL_HOUR),
                        report("r-x", hour(0), hour(2), 10),
                        report("r-1", hour(1), hour(2), FULL_HOUR),
                        report("r-0", hour(0), hour(1), 1),
                        report("r-0", hour(0), hour(1), FULL_HOUR),
                        report("r-2", hour(3), hour(4), FULL_HOUR + 1),
                        report("r-3", hour(3), hour(4), FULL_HOUR)))
                .expectEvents(recordedTogether(
                        recorded("r-1", hour(1), hour(2), FULL_HOUR, PRICE, charges(16_800_000, 840_000)),
                        recorded("r-3", hour(3), hour(4), FULL_HOUR, PRICE, charges(16_800_000, 840_000))))
                .expectResultMessagePayloadMatching(outcomes(
                        "ACCEPTED r-1 16800000/840000/15960000",
                        "REJECTED r-x USAGE_PERIOD_OVERLAP",
                        "DUPLICATE r-1 16800000/840000/15960000",
                        "REJECTED r-0 USAGE_REPORT_CONFLICT",
                        "DUPLICATE r-0 16800000/840000/15960000",
                        "REJECTED r-2 USAGE_EXCEEDS_CAPACITY",
                        "ACCEPTED r-3 16800000/840000/15960000"));
    }

    @Test
    void canRecordABatchWhoseReportsAreChargedCumulativelyInTheirOrder() {
        BigInteger price = BigInteger.valueOf(1_000_001);
        LeaseOpenedEvent opened = new LeaseOpenedEvent(MKT, LEASE, "prov-7", PAYOUT, "tenant-42", "H100-SXM-80GB",
                1, price, 333, START, END, Billing.POSTPAID);
        fixture.given(opened)
                .when(batch(report("r-2", hour(1), hour(1).plusSeconds(1), 1),
                        report("r-1", hour(0), hour(0).plusSeconds(1), 1)))
                .expectEvents(recordedTogether(
                        recorded("r-2", hour(1), hour(1).plusSeconds(1), 1, price,
                                new Charges(BigInteger.valueOf(277), BigInteger.valueOf(9), BigInteger.valueOf(268))),
                        recorded("r-1", hour(0), hour(0).plusSeconds(1), 1, price,
                                new Charges(BigInteger.valueOf(278), BigInteger.valueOf(9), BigInteger.valueOf(269)))))
                .expectResultMessagePayloadMatching(outcomes("ACCEPTED r-2 277/9/268", "ACCEPTED r-1 278/9/269"));
    }

    @Test
    void canRecordABatchDecidingEachReportAgainstTheOnesAcceptedBeforeItInTheSameBatch() {
        fixture.given(opened())
                .when(batch(
                        report("r-1", hour(5), hour(6), FULL_HOUR),
                        report("r-2", hour(5).plusSeconds(1800), hour(6).plusSeconds(1800), 10),
                        report("r-1", hour(5), hour(6), 1),
                        report("r-1", hour(5), hour(6), FULL_HOUR),
                        report("r-3", hour(4), hour(5), FULL_HOUR)))
                .expectEvents(recordedTogether(
                        recorded("r-1", hour(5), hour(6), FULL_HOUR, PRICE, charges(16_800_000, 840_000)),
                        recorded("r-3", hour(4), hour(5), FULL_HOUR, PRICE, charges(16_800_000, 840_000))))
                .expectResultMessagePayloadMatching(outcomes(
                        "ACCEPTED r-1 16800000/840000/15960000",
                        "REJECTED r-2 USAGE_PERIOD_OVERLAP",
                        "REJECTED r-1 USAGE_REPORT_CONFLICT",
                        "DUPLICATE r-1 16800000/840000/15960000",
                        "ACCEPTED r-3 16800000/840000/15960000"));
    }

    @Test
    void canRecordNothingFromABatchWhoseReportsAreAllRejectedOrRepeated() {
        fixture.given(opened(), recordedTogether(
                        recorded("r-1", hour(0), hour(1), FULL_HOUR, PRICE, charges(16_800_000, 840_000)),
                        recorded("r-2", hour(1), hour(2), FULL_HOUR, PRICE, charges(16_800_000, 840_000))))
                .when(batch(report("r-2", hour(1), hour(2), FULL_HOUR),
                        report("r-3", hour(1).plusSeconds(60), hour(1).plusSeconds(120), 10)))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(outcomes(
                        "DUPLICATE r-2 16800000/840000/15960000",
                        "REJECTED r-3 USAGE_PERIOD_OVERLAP"));
    }

    @Test
    void canRecordABatchOnAClosedLeaseRejectingWhatStartsAtOrAfterTheClose() {
        fixture.given(opened(), closed(hour(10)))
                .when(batch(report("r-1", hour(9), hour(10), FULL_HOUR),
                        report("r-2", hour(10), hour(11), FULL_HOUR),
                        report("r-3", hour(9).minusSeconds(1800), hour(10).plusSeconds(1), 10),
                        report("r-4", START.minusSeconds(3600), START, 10)))
                .expectEvents(recorded("r-1", hour(9), hour(10), FULL_HOUR, PRICE, charges(16_800_000, 840_000)))
                .expectResultMessagePayloadMatching(outcomes(
                        "ACCEPTED r-1 16800000/840000/15960000",
                        "REJECTED r-2 LEASE_CLOSED",
                        "REJECTED r-3 USAGE_OUTSIDE_LEASE",
                        "REJECTED r-4 USAGE_OUTSIDE_LEASE"));
    }

    @Test
    void canAnswerABatchOfOnlyRejectedReportsWithoutAnyEvent() {
        fixture.given(opened())
                .when(batch(report("r-1", START.minusSeconds(3600), START, 10),
                        report("r-2", hour(1), hour(2), FULL_HOUR + 1)))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(outcomes(
                        "REJECTED r-1 USAGE_OUTSIDE_LEASE", "REJECTED r-2 USAGE_EXCEEDS_CAPACITY"));
    }

    // --- messages

    private static OpenLeaseCommand open(int gpuCount, BigInteger price, int feeBps, Instant startsAt, Instant endsAt) {
        return new OpenLeaseCommand(MKT, LEASE, "prov-7", PAYOUT, "tenant-42", "H100-SXM-80GB", gpuCount, price,
                feeBps, startsAt, endsAt, null);
    }

    private static LeaseOpenedEvent opened() {
        return new LeaseOpenedEvent(MKT, LEASE, "prov-7", PAYOUT, "tenant-42", "H100-SXM-80GB", 8, PRICE, 500,
                START, END, Billing.POSTPAID);
    }

    private static ChangeLeasePriceCommand changePrice(BigInteger price, Instant effectiveFrom) {
        return new ChangeLeasePriceCommand(MKT, LEASE, price, effectiveFrom);
    }

    private static LeaseClosedEvent closed(Instant closedAt) {
        return new LeaseClosedEvent(MKT, LEASE, CloseReason.TENANT_ENDED, closedAt);
    }

    private static UsageReport report(String reportId, Instant start, Instant end, long gpuSeconds) {
        return new UsageReport(reportId, start, end, gpuSeconds);
    }

    private static RecordUsageCommand usage(String reportId, Instant start, Instant end, long gpuSeconds) {
        return new RecordUsageCommand(MKT, LEASE, report(reportId, start, end, gpuSeconds));
    }

    private static RecordUsageAcrossLeasesCommand batch(UsageReport... reports) {
        return new RecordUsageAcrossLeasesCommand(MKT, List.of(new RecordUsageBatchCommand(MKT, LEASE, List.of(reports))));
    }

    private static UsageRecordedEvent recorded(String reportId, Instant start, Instant end, long gpuSeconds,
                                               BigInteger price, Charges charges) {
        return new UsageRecordedEvent(MKT, LEASE, List.of(new RecordedUsage(reportId, start, end, gpuSeconds, price,
                charges.chargedUnits(), charges.feeUnits(), charges.providerUnits())));
    }

    /** One event recording the reports of these one-report events, in this order: what one batch command applies. */
    private static UsageRecordedEvent recordedTogether(UsageRecordedEvent... events) {
        return new UsageRecordedEvent(MKT, LEASE, Arrays.stream(events).flatMap(e -> e.reports().stream()).toList());
    }

    private static Charges charges(long charged, long fee) {
        return new Charges(BigInteger.valueOf(charged), BigInteger.valueOf(fee), BigInteger.valueOf(charged - fee));
    }

    private static Instant hour(int hours) {
        return START.plusSeconds(3600L * hours);
    }

    // --- matchers

    /** A rejection with this code, naming this field (or none). */

    /** The batch's outcomes, each written "STATUS reportId charged/fee/provider" or "REJECTED reportId CODE". */
    private static Matcher<List<LeaseUsageOutcomes>> outcomes(String... expected) {
        List<String> wanted = Arrays.asList(expected);
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<LeaseUsageOutcomes> outcomes) {
                return describe(outcomes).equals(wanted);
            }

            @Override
            public void describeTo(Description description) {
                description.appendValue(wanted);
            }

            @Override
            protected void describeMismatchSafely(List<LeaseUsageOutcomes> outcomes, Description mismatch) {
                mismatch.appendText("was ").appendValue(describe(outcomes));
            }
        };
    }

    private static List<String> describe(List<LeaseUsageOutcomes> batch) {
        return batch.get(0).outcomes().stream().map(o -> o.status() == UsageOutcome.Status.REJECTED
                ? "REJECTED " + o.reportId() + " " + o.rejection().code()
                : o.status() + " " + o.reportId() + " " + o.charges().chargedUnits() + "/" + o.charges().feeUnits()
                        + "/" + o.charges().providerUnits()).toList();
    }
}
