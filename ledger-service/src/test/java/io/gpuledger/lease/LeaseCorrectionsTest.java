package io.gpuledger.lease;

import static io.gpuledger.common.RejectionCode.ADJUSTMENT_CONFLICT;
import static io.gpuledger.common.RejectionCode.ADJUSTMENT_EXCEEDS_CHARGES;
import static io.gpuledger.common.RejectionCode.USAGE_PERIOD_OVERLAP;
import static io.gpuledger.common.RejectionCode.USAGE_REPORT_NOT_FOUND;
import static io.gpuledger.common.RejectionCode.VALIDATION_FAILED;
import static io.gpuledger.common.RejectionCode.VOID_EXCEEDS_CHARGES;
import static io.gpuledger.support.RejectionMatchers.rejected;

import io.gpuledger.common.Charges;
import io.gpuledger.lease.api.AdjustLeaseCommand;
import io.gpuledger.lease.api.AdjustmentKind;
import io.gpuledger.lease.api.AdjustmentReason;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.CloseReason;
import io.gpuledger.lease.api.CorrectionResult;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.RecordUsageCommand;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageReport;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.lease.api.VoidUsageCommand;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Voids and adjustments of a postpaid lease, one rule each. The lease: 8 GPUs at 2,100,000 units per
 * GPU-hour with a 5% fee; a full hour charges 16,800,000 (840,000 fee, 15,960,000 provider).
 */
class LeaseCorrectionsTest {

    private static final String MKT = "mkt-a";
    private static final String LEASE = "lease-1";
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final BigInteger PRICE = BigInteger.valueOf(2_100_000);
    private static final long FULL_HOUR = 8 * 3600;
    private static final Charges HOUR = charges(16_800_000, 840_000, 15_960_000);

    private FixtureConfiguration<Lease> fixture;

    @BeforeEach
    void setUp() {
        fixture = LeaseFixtures.postpaid();
    }

    // --- voids

    @Test
    void canVoidARecordedReportWithItsChargesTakenBack() {
        fixture.given(opened(), recorded("r-1", 0, FULL_HOUR, HOUR))
                .when(voidOf("r-1"))
                .expectEvents(voided("r-1", 0, FULL_HOUR, HOUR.negate()))
                .expectResultMessagePayload(new CorrectionResult(false, HOUR.negate()));
    }

    @Test
    void canVoidAReportAgainAndBeAnsweredTheFirstVoid() {
        fixture.given(opened(), recorded("r-1", 0, FULL_HOUR, HOUR), voided("r-1", 0, FULL_HOUR, HOUR.negate()))
                .when(voidOf("r-1"))
                .expectNoEvents()
                .expectResultMessagePayload(new CorrectionResult(true, HOUR.negate()));
    }

    @Test
    void cannotVoidAReportNeverRecorded() {
        fixture.given(opened(), recorded("r-1", 0, FULL_HOUR, HOUR))
                .when(voidOf("r-2"))
                .expectNoEvents()
                .expectException(rejected(USAGE_REPORT_NOT_FOUND));
    }

    @Test
    void canRecordACorrectedReportInAVoidedPeriodUnderANewId() {
        fixture.given(opened(), recorded("r-1", 0, FULL_HOUR, HOUR), voided("r-1", 0, FULL_HOUR, HOUR.negate()))
                .when(usage("r-2", 0, FULL_HOUR / 2))
                .expectEvents(recorded("r-2", 0, FULL_HOUR / 2, charges(8_400_000, 420_000, 7_980_000)));
    }

    @Test
    void cannotRecordUsageOverlappingAReportThatStillCounts() {
        fixture.given(opened(), recorded("r-1", 0, FULL_HOUR, HOUR), recorded("r-2", 1, FULL_HOUR, HOUR),
                        voided("r-1", 0, FULL_HOUR, HOUR.negate()))
                .when(usage("r-3", 1, FULL_HOUR))
                .expectNoEvents()
                .expectException(rejected(USAGE_PERIOD_OVERLAP));
    }

    @Test
    void canVoidAReportOfAClosedLease() {
        fixture.given(opened(), recorded("r-1", 0, FULL_HOUR, HOUR),
                        new LeaseClosedEvent(MKT, LEASE, CloseReason.TENANT_ENDED, hour(1)))
                .when(voidOf("r-1"))
                .expectEvents(voided("r-1", 0, FULL_HOUR, HOUR.negate()));
    }

    /** 1 GPU-second and a full hour: 16,800,583.33 charged; without the second, 583 (583.33) remain. */
    @Test
    void canVoidAReportWhoseSliceIsTheDifferenceOfTheCumulativeCharges() {
        fixture.given(opened(), recorded("r-1", 0, 1, charges(583, 29, 554)),
                        recorded("r-2", 1, FULL_HOUR, charges(16_800_000, 840_000, 15_960_000)))
                .when(voidOf("r-1"))
                .expectEvents(voided("r-1", 0, 1, charges(-583, -29, -554)));
    }

    @Test
    void cannotVoidAReportThatCreditsGaveBackPartOf() {
        fixture.given(opened(), recorded("r-1", 0, FULL_HOUR, HOUR),
                        adjusted("a-1", AdjustmentKind.CREDIT, 16_000_000, charges(-16_000_000, -800_000, -15_200_000)))
                .when(voidOf("r-1"))
                .expectNoEvents()
                .expectException(rejected(VOID_EXCEEDS_CHARGES));
    }

    @Test
    void canVoidAReportOnceADebitReversedTheCreditThatGaveBackPartOfIt() {
        fixture.given(opened(), recorded("r-1", 0, FULL_HOUR, HOUR),
                        adjusted("a-1", AdjustmentKind.CREDIT, 1_000_000, charges(-1_000_000, -50_000, -950_000)),
                        adjusted("a-2", AdjustmentKind.DEBIT, 1_000_000, charges(1_000_000, 50_000, 950_000)))
                .when(voidOf("r-1"))
                .expectEvents(voided("r-1", 0, FULL_HOUR, HOUR.negate()));
    }

    // --- adjustments

    @Test
    void canCreditALeaseItsChargesLoweredByTheMoneyRule() {
        fixture.given(opened(), recorded("r-1", 0, FULL_HOUR, HOUR))
                .when(adjust("a-1", AdjustmentKind.CREDIT, 1_000_000))
                .expectEvents(adjusted("a-1", AdjustmentKind.CREDIT, 1_000_000, charges(-1_000_000, -50_000, -950_000)));
    }

    @Test
    void canDebitALeaseWithoutUsage() {
        fixture.given(opened())
                .when(adjust("a-1", AdjustmentKind.DEBIT, 500_000))
                .expectEvents(adjusted("a-1", AdjustmentKind.DEBIT, 500_000, charges(500_000, 25_000, 475_000)));
    }

    @Test
    void canCreditExactlyWhatTheLeaseWasCharged() {
        fixture.given(opened(), recorded("r-1", 0, FULL_HOUR, HOUR))
                .when(adjust("a-1", AdjustmentKind.CREDIT, 16_800_000))
                .expectEvents(adjusted("a-1", AdjustmentKind.CREDIT, 16_800_000, HOUR.negate()));
    }

    @Test
    void cannotCreditMoreThanTheLeaseWasCharged() {
        fixture.given(opened(), recorded("r-1", 0, FULL_HOUR, HOUR))
                .when(adjust("a-1", AdjustmentKind.CREDIT, 16_800_001))
                .expectNoEvents()
                .expectException(rejected(ADJUSTMENT_EXCEEDS_CHARGES));
    }

    @Test
    void cannotCreditAgainWhatAnEarlierCreditTookBack() {
        fixture.given(opened(), recorded("r-1", 0, FULL_HOUR, HOUR),
                        adjusted("a-1", AdjustmentKind.CREDIT, 16_000_000, charges(-16_000_000, -800_000, -15_200_000)))
                .when(adjust("a-2", AdjustmentKind.CREDIT, 800_001))
                .expectNoEvents()
                .expectException(rejected(ADJUSTMENT_EXCEEDS_CHARGES));
    }

    @Test
    void canAdjustAgainUnderTheSameIdWithoutChangingAnything() {
        Charges slice = charges(-1_000_000, -50_000, -950_000);
        fixture.given(opened(), recorded("r-1", 0, FULL_HOUR, HOUR),
                        adjusted("a-1", AdjustmentKind.CREDIT, 1_000_000, slice))
                .when(adjust("a-1", AdjustmentKind.CREDIT, 1_000_000))
                .expectNoEvents()
                .expectResultMessagePayload(new CorrectionResult(true, slice));
    }

    @Test
    void cannotReuseAnAdjustmentIdForAnotherAmount() {
        fixture.given(opened(), recorded("r-1", 0, FULL_HOUR, HOUR),
                        adjusted("a-1", AdjustmentKind.CREDIT, 1_000_000, charges(-1_000_000, -50_000, -950_000)))
                .when(adjust("a-1", AdjustmentKind.CREDIT, 2_000_000))
                .expectNoEvents()
                .expectException(rejected(ADJUSTMENT_CONFLICT));
    }

    @Test
    void cannotAdjustByNothing() {
        fixture.given(opened())
                .when(adjust("a-1", AdjustmentKind.DEBIT, 0))
                .expectNoEvents()
                .expectException(rejected(VALIDATION_FAILED));
    }

    @Test
    void canRecordUsageAfterACreditChargedOnTheNetValue() {
        fixture.given(opened(), recorded("r-1", 0, 1, charges(583, 29, 554)),
                        adjusted("a-1", AdjustmentKind.CREDIT, 100, charges(-100, -5, -95)))
                .when(usage("r-2", 1, 1))
                .expectEvents(recorded("r-2", 1, 1, charges(583, 29, 554)));
    }

    private static LeaseOpenedEvent opened() {
        return new LeaseOpenedEvent(MKT, LEASE, "prov-7", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "tenant-42",
                "H100-SXM-80GB", 8, PRICE, 500, START, null, Billing.POSTPAID);
    }

    private static RecordUsageCommand usage(String reportId, int startHour, long gpuSeconds) {
        return new RecordUsageCommand(MKT, LEASE, new UsageReport(reportId, hour(startHour), hour(startHour + 1),
                gpuSeconds));
    }

    private static UsageRecordedEvent recorded(String reportId, int startHour, long gpuSeconds, Charges slice) {
        return new UsageRecordedEvent(MKT, LEASE, List.of(new RecordedUsage(reportId, hour(startHour),
                hour(startHour + 1), gpuSeconds, PRICE, slice.chargedUnits(), slice.feeUnits(), slice.providerUnits())));
    }

    private static VoidUsageCommand voidOf(String reportId) {
        return new VoidUsageCommand(MKT, LEASE, reportId, "metered twice");
    }

    private static UsageVoidedEvent voided(String reportId, int startHour, long gpuSeconds, Charges slice) {
        return new UsageVoidedEvent(MKT, LEASE, reportId, "metered twice", hour(startHour), hour(startHour + 1),
                gpuSeconds, PRICE, slice.chargedUnits(), slice.feeUnits(), slice.providerUnits());
    }

    private static AdjustLeaseCommand adjust(String id, AdjustmentKind kind, long units) {
        return new AdjustLeaseCommand(MKT, LEASE, id, kind, BigInteger.valueOf(units), AdjustmentReason.GOODWILL);
    }

    private static LeaseAdjustedEvent adjusted(String id, AdjustmentKind kind, long units, Charges slice) {
        return new LeaseAdjustedEvent(MKT, LEASE, id, kind, BigInteger.valueOf(units), AdjustmentReason.GOODWILL,
                slice.chargedUnits(), slice.feeUnits(), slice.providerUnits());
    }

    private static Charges charges(long charged, long fee, long provider) {
        return new Charges(BigInteger.valueOf(charged), BigInteger.valueOf(fee), BigInteger.valueOf(provider));
    }

    private static Instant hour(int hours) {
        return START.plusSeconds(3600L * hours);
    }
}
