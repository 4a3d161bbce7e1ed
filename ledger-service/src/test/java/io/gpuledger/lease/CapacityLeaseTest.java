package io.gpuledger.lease;

import static io.gpuledger.common.RejectionCode.CLOSE_BEFORE_RECORDED_USAGE;
import static io.gpuledger.common.RejectionCode.PRICE_CHANGE_BEFORE_RECORDED_USAGE;
import static io.gpuledger.common.RejectionCode.PRICE_CHANGE_KIND_MISMATCH;
import static io.gpuledger.common.RejectionCode.PRICING_CONFLICT;
import static io.gpuledger.common.RejectionCode.USAGE_EXCEEDS_CAPACITY;
import static io.gpuledger.common.RejectionCode.USAGE_QUANTITY_MISMATCH;
import static io.gpuledger.common.RejectionCode.VALIDATION_FAILED;
import static io.gpuledger.support.RejectionMatchers.rejected;

import io.gpuledger.common.Charges;
import io.gpuledger.lease.api.AccrueCapacityFeeCommand;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.CapacityFeeAccruedEvent;
import io.gpuledger.lease.api.CapacityPricing;
import io.gpuledger.lease.api.ChangeLeasePriceCommand;
import io.gpuledger.lease.api.CloseLeaseCommand;
import io.gpuledger.lease.api.CloseReason;
import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.LeasePriceChangedEvent;
import io.gpuledger.lease.api.OpenLeaseCommand;
import io.gpuledger.lease.api.RecordUsageCommand;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageOutcome;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageReport;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.lease.api.VoidUsageCommand;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of a capacity lease, one test each. The standard lease: 2,000 kW from {@link #START} to
 * {@link #END}, a fee of 1,000,000 units per hour and energy at 50,000 units per kWh, with a 5% fee.
 * One hour at full power is 2,000,000 Wh (2,000 kW × 3600 s / 3.6); 1,500 kWh charge 75,000,000.
 */
class CapacityLeaseTest {

    private static final String MKT = "mkt-a";
    private static final String LEASE = "lease-cap";
    private static final String PAYOUT = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-12-01T00:00:00Z");
    private static final BigInteger FEE_PER_HOUR = BigInteger.valueOf(1_000_000);
    private static final BigInteger ENERGY_PER_KWH = BigInteger.valueOf(50_000);
    private static final CapacityPricing PRICING = new CapacityPricing(2_000, FEE_PER_HOUR, ENERGY_PER_KWH);

    private FixtureConfiguration<Lease> fixture;

    @BeforeEach
    void setUp() {
        fixture = LeaseFixtures.postpaid();
    }

    // --- opening

    @Test
    void canOpenACapacityLeaseWhichStoresItsPricingAndNoPricePerGpuHour() {
        fixture.givenNoPriorActivity()
                .when(open(PRICING, null))
                .expectEvents(opened(PRICING));
    }

    @Test
    void cannotOpenACapacityLeaseWithAPricePerGpuHour() {
        fixture.givenNoPriorActivity()
                .when(open(PRICING, BigInteger.ONE))
                .expectNoEvents()
                .expectException(rejected(PRICING_CONFLICT, "priceUnitsPerGpuHour"));
    }

    @Test
    void cannotOpenACapacityLeaseWithoutCapacity() {
        fixture.givenNoPriorActivity()
                .when(open(new CapacityPricing(0, FEE_PER_HOUR, ENERGY_PER_KWH), null))
                .expectNoEvents()
                .expectException(rejected(VALIDATION_FAILED, "pricing.capacityKw"));
    }

    @Test
    void cannotOpenAGpuHourLeaseWithoutAPrice() {
        fixture.givenNoPriorActivity()
                .when(open(null, null))
                .expectNoEvents()
                .expectException(rejected(PRICING_CONFLICT, "priceUnitsPerGpuHour"));
    }

    // --- energy

    @Test
    void canRecordEnergyPricedPerKwh() {
        fixture.given(opened(PRICING))
                .when(energy("e-1", 0, 1, 1_500_000))
                .expectEvents(recorded(energyReport("e-1", 0, 1, 1_500_000, ENERGY_PER_KWH, 75_000_000, 3_750_000)))
                .expectResultMessagePayloadMatching(accepted(75_000_000, 3_750_000));
    }

    @Test
    void canRecordEnergyOfTheFullCapacity() {
        fixture.given(opened(PRICING))
                .when(energy("e-1", 0, 1, 2_000_000))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotRecordEnergyBeyondTheCapacity() {
        fixture.given(opened(PRICING))
                .when(energy("e-1", 0, 1, 2_000_001))
                .expectNoEvents()
                .expectException(rejected(USAGE_EXCEEDS_CAPACITY, "energyWh"));
    }

    @Test
    void cannotRecordGpuSecondsOnACapacityLease() {
        fixture.given(opened(PRICING))
                .when(new RecordUsageCommand(MKT, LEASE, new UsageReport("g-1", hour(0), hour(1), 3600)))
                .expectNoEvents()
                .expectException(rejected(USAGE_QUANTITY_MISMATCH, "gpuSeconds"));
    }

    @Test
    void cannotRecordEnergyOnAGpuHourLease() {
        fixture.given(new LeaseOpenedEvent(MKT, LEASE, "prov-7", PAYOUT, "tenant-42", "H100", 8,
                        BigInteger.valueOf(2_100_000), 500, START, END, Billing.POSTPAID))
                .when(energy("e-1", 0, 1, 1_000))
                .expectNoEvents()
                .expectException(rejected(USAGE_QUANTITY_MISMATCH, "energyWh"));
    }

    @Test
    void canPriceEnergyAtTheRateInForceAtThePeriodStart() {
        fixture.given(opened(PRICING), new LeasePriceChangedEvent(MKT, LEASE, null, hour(1), FEE_PER_HOUR,
                        BigInteger.valueOf(60_000)))
                .when(energy("e-2", 1, 2, 1_000_000))
                .expectEvents(recorded(energyReport("e-2", 1, 2, 1_000_000, BigInteger.valueOf(60_000), 60_000_000,
                        3_000_000)));
    }

    @Test
    void canVoidAnEnergyReportWhichGivesItsChargesBack() {
        fixture.given(opened(PRICING),
                        recorded(energyReport("e-1", 0, 1, 1_500_000, ENERGY_PER_KWH, 75_000_000, 3_750_000)))
                .when(new VoidUsageCommand(MKT, LEASE, "e-1", "meter fault"))
                .expectEvents(new UsageVoidedEvent(MKT, LEASE, "e-1", "meter fault", hour(0), hour(1), 0, null,
                        BigInteger.valueOf(-75_000_000), BigInteger.valueOf(-3_750_000),
                        BigInteger.valueOf(-71_250_000), 1_500_000L, ENERGY_PER_KWH));
    }

    // --- the fee

    @Test
    void canAccrueTheFeeOfTheLeaseTimeSinceItsStart() {
        fixture.given(opened(PRICING))
                .when(accrue(START.plusSeconds(5400)))
                .expectEvents(accrued(START, START.plusSeconds(5400), 5400L * 1_000_000, 1_500_000, 75_000));
    }

    @Test
    void cannotAccrueTheSameFeeTwice() {
        fixture.given(opened(PRICING), accrued(START, hour(2), 7200L * 1_000_000, 2_000_000, 100_000))
                .when(accrue(hour(2)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canAccrueOnlyBeyondWhereTheFeeStands() {
        fixture.given(opened(PRICING), accrued(START, hour(2), 7200L * 1_000_000, 2_000_000, 100_000))
                .when(accrue(hour(3)))
                .expectEvents(accrued(hour(2), hour(3), 3600L * 1_000_000, 1_000_000, 50_000));
    }

    @Test
    void cannotAccrueAnEarlierInstantAgain() {
        fixture.given(opened(PRICING), accrued(START, hour(2), 7200L * 1_000_000, 2_000_000, 100_000))
                .when(accrue(hour(1)))
                .expectNoEvents();
    }

    @Test
    void canAccrueNoFurtherThanTheClose() {
        fixture.given(opened(PRICING), new LeaseClosedEvent(MKT, LEASE, CloseReason.TENANT_ENDED, hour(1)))
                .when(accrue(hour(5)))
                .expectEvents(accrued(START, hour(1), 3600L * 1_000_000, 1_000_000, 50_000));
    }

    @Test
    void canAccrueNothingAfterTheFeeReachedTheClose() {
        fixture.given(opened(PRICING), new LeaseClosedEvent(MKT, LEASE, CloseReason.TENANT_ENDED, hour(1)),
                        accrued(START, hour(1), 3600L * 1_000_000, 1_000_000, 50_000))
                .when(accrue(hour(5)))
                .expectNoEvents();
    }

    @Test
    void canAccrueTheFeePieceByPieceAtTheRatesInForce() {
        fixture.given(opened(PRICING), new LeasePriceChangedEvent(MKT, LEASE, null, hour(1),
                        BigInteger.valueOf(2_000_000), ENERGY_PER_KWH))
                .when(accrue(hour(2)))
                .expectEvents(accrued(START, hour(2), 3600L * 1_000_000 + 3600L * 2_000_000, 3_000_000, 150_000));
    }

    /** Half a unit of fee and half a unit of energy: each alone floors to 0, their sum charges 1. */
    @Test
    void canChargeTheFloorOfTheSumOfTheFeeAndTheEnergy() {
        CapacityPricing unitRates = new CapacityPricing(2_000, BigInteger.ONE, BigInteger.ONE);
        fixture.given(opened(unitRates), recorded(energyReport("e-1", 0, 1, 500, BigInteger.ONE, 0, 0)))
                .when(accrue(START.plusSeconds(1800)))
                .expectEvents(accrued(START, START.plusSeconds(1800), 1800, 1, 0));
    }

    @Test
    void cannotCloseBeforeWhereTheFeeHasAccrued() {
        fixture.given(opened(PRICING), accrued(START, hour(2), 7200L * 1_000_000, 2_000_000, 100_000))
                .when(new CloseLeaseCommand(MKT, LEASE, CloseReason.TENANT_ENDED, hour(1)))
                .expectNoEvents()
                .expectException(rejected(CLOSE_BEFORE_RECORDED_USAGE, "closedAt"));
    }

    // --- price changes

    @Test
    void canChangeTheFeeAloneKeepingTheEnergyRate() {
        fixture.given(opened(PRICING))
                .when(new ChangeLeasePriceCommand(MKT, LEASE, null, hour(1), BigInteger.valueOf(2_000_000), null))
                .expectEvents(new LeasePriceChangedEvent(MKT, LEASE, null, hour(1), BigInteger.valueOf(2_000_000),
                        ENERGY_PER_KWH));
    }

    @Test
    void cannotChangeAPricePerGpuHourOnACapacityLease() {
        fixture.given(opened(PRICING))
                .when(new ChangeLeasePriceCommand(MKT, LEASE, BigInteger.ONE, hour(1)))
                .expectNoEvents()
                .expectException(rejected(PRICE_CHANGE_KIND_MISMATCH, "priceUnitsPerGpuHour"));
    }

    @Test
    void cannotChangeACapacityRateOnAGpuHourLease() {
        fixture.given(new LeaseOpenedEvent(MKT, LEASE, "prov-7", PAYOUT, "tenant-42", "H100", 8,
                        BigInteger.valueOf(2_100_000), 500, START, END, Billing.POSTPAID))
                .when(new ChangeLeasePriceCommand(MKT, LEASE, null, hour(1), null, BigInteger.ONE))
                .expectNoEvents()
                .expectException(rejected(PRICE_CHANGE_KIND_MISMATCH, "energyUnitsPerKwh"));
    }

    @Test
    void cannotChangeTheFeeBeforeWhereItHasAccrued() {
        fixture.given(opened(PRICING), accrued(START, hour(2), 7200L * 1_000_000, 2_000_000, 100_000))
                .when(new ChangeLeasePriceCommand(MKT, LEASE, null, hour(1), BigInteger.TWO, null))
                .expectNoEvents()
                .expectException(rejected(PRICE_CHANGE_BEFORE_RECORDED_USAGE, "effectiveFrom"));
    }

    // --- helpers

    private static OpenLeaseCommand open(CapacityPricing pricing, BigInteger pricePerGpuHour) {
        return new OpenLeaseCommand(MKT, LEASE, "prov-7", PAYOUT, "tenant-42", "H100", 8, pricePerGpuHour, 500, START,
                END, null, null, null, null, pricing, null);
    }

    private static LeaseOpenedEvent opened(CapacityPricing pricing) {
        return new LeaseOpenedEvent(MKT, LEASE, "prov-7", PAYOUT, "tenant-42", "H100", 8, null, 500, START, END,
                Billing.POSTPAID, null, null, null, pricing, null);
    }

    private static RecordUsageCommand energy(String reportId, int fromHour, int toHour, long energyWh) {
        return new RecordUsageCommand(MKT, LEASE, UsageReport.ofEnergy(reportId, hour(fromHour), hour(toHour), energyWh));
    }

    private static RecordedUsage energyReport(String reportId, int fromHour, int toHour, long energyWh,
                                              BigInteger rate, long charged, long fee) {
        return new RecordedUsage(reportId, hour(fromHour), hour(toHour), 0, null, BigInteger.valueOf(charged),
                BigInteger.valueOf(fee), BigInteger.valueOf(charged - fee), null, null, energyWh, rate);
    }

    private static UsageRecordedEvent recorded(RecordedUsage report) {
        return new UsageRecordedEvent(MKT, LEASE, List.of(report));
    }

    private static AccrueCapacityFeeCommand accrue(Instant through) {
        return new AccrueCapacityFeeCommand(MKT, LEASE, through);
    }

    private static CapacityFeeAccruedEvent accrued(Instant from, Instant through, long feeValue, long charged, long fee) {
        return new CapacityFeeAccruedEvent(MKT, LEASE, from, through, BigInteger.valueOf(feeValue),
                BigInteger.valueOf(charged), BigInteger.valueOf(fee), BigInteger.valueOf(charged - fee));
    }

    private static Instant hour(int hours) {
        return START.plusSeconds(3600L * hours);
    }

    private static Matcher<UsageOutcome> accepted(long charged, long fee) {
        Charges expected = new Charges(BigInteger.valueOf(charged), BigInteger.valueOf(fee),
                BigInteger.valueOf(charged - fee));
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(UsageOutcome outcome) {
                return outcome.status() == UsageOutcome.Status.ACCEPTED && outcome.charges().equals(expected);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("ACCEPTED with " + expected);
            }
        };
    }

}
