package io.gpuledger.lease;

import static io.gpuledger.support.RejectionMatchers.rejected;

import io.gpuledger.common.RejectionCode;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.LeaseUsageOutcomes;
import io.gpuledger.lease.api.OpenLeaseCommand;
import io.gpuledger.lease.api.RecordUsageAcrossLeasesCommand;
import io.gpuledger.lease.api.RecordUsageBatchCommand;
import io.gpuledger.lease.api.RecordUsageCommand;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageOutcome;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageReport;
import io.gpuledger.lease.api.UsageSignatures;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of a lease that names signers, one test each. Signatures reach the lease with the
 * addresses they were recovered to (the usage routes recover them), so the lease compares addresses.
 * The lease: 8 GPUs, 2,100,000 units per GPU-hour, 5% fee; a full hour charges 16,800,000 units.
 */
class SignedLeaseTest {

    static final String MKT = "mkt-a";
    static final String LEASE = "lease-1";
    static final String PAYOUT = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String METER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    static final String TENANT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    static final String STRANGER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    static final String METER_SIGNATURE = "0x" + "a1".repeat(65);
    static final String TENANT_SIGNATURE = "0x" + "b2".repeat(65);
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant END = Instant.parse("2026-12-01T00:00:00Z");
    static final BigInteger PRICE = BigInteger.valueOf(2_100_000);
    static final long FULL_HOUR = 8 * 3600;

    private FixtureConfiguration<Lease> fixture;

    @BeforeEach
    void setUp() {
        fixture = LeaseFixtures.postpaid();
    }

    @Test
    void canOpenALeaseWithAMeterSignerAndTheDefaultDisputeWindow() {
        fixture.givenNoPriorActivity()
                .when(open(METER, null, null))
                .expectEvents(opened(METER, null, 86_400L));
    }

    @Test
    void canOpenALeaseWithBothSignersAndItsOwnDisputeWindow() {
        fixture.givenNoPriorActivity()
                .when(open(METER, TENANT, 3600L))
                .expectEvents(opened(METER, TENANT, 3600L));
    }

    @Test
    void cannotOpenALeaseWithATenantSignerButNoMeterSigner() {
        fixture.givenNoPriorActivity()
                .when(open(null, TENANT, null))
                .expectNoEvents()
                .expectException(rejected(RejectionCode.VALIDATION_FAILED, "tenantSigner"));
    }

    @Test
    void cannotOpenALeaseWithANegativeDisputeWindow() {
        fixture.givenNoPriorActivity()
                .when(open(METER, null, -1L))
                .expectNoEvents()
                .expectException(rejected(RejectionCode.VALIDATION_FAILED, "disputeWindowSeconds"));
    }

    @Test
    void canRecordUsageSignedByTheMeterAndStoreItsSignature() {
        fixture.given(opened(METER, TENANT, 3600L))
                .when(usage("r-1", new UsageSignatures(METER_SIGNATURE, METER, null, null)))
                .expectEvents(recorded("r-1", METER_SIGNATURE, null));
    }

    @Test
    void canRecordUsageCountersignedByTheTenantAndStoreBothSignatures() {
        fixture.given(opened(METER, TENANT, 3600L))
                .when(usage("r-1", new UsageSignatures(METER_SIGNATURE, METER.toLowerCase(), TENANT_SIGNATURE, TENANT)))
                .expectEvents(recorded("r-1", METER_SIGNATURE, TENANT_SIGNATURE));
    }

    @Test
    void cannotRecordUnsignedUsageOnALeaseWithAMeterSigner() {
        fixture.given(opened(METER, null, 3600L))
                .when(usage("r-1", null))
                .expectNoEvents()
                .expectException(rejected(RejectionCode.USAGE_SIGNATURE_INVALID, "signature"));
    }

    @Test
    void cannotRecordUsageSignedByAnotherKeyThanTheMeterSigner() {
        fixture.given(opened(METER, null, 3600L))
                .when(usage("r-1", new UsageSignatures(METER_SIGNATURE, STRANGER, null, null)))
                .expectNoEvents()
                .expectException(rejected(RejectionCode.USAGE_SIGNATURE_INVALID, "signature"));
    }

    @Test
    void cannotRecordUsageCountersignedByAnotherKeyThanTheTenantSigner() {
        fixture.given(opened(METER, TENANT, 3600L))
                .when(usage("r-1", new UsageSignatures(METER_SIGNATURE, METER, TENANT_SIGNATURE, STRANGER)))
                .expectNoEvents()
                .expectException(rejected(RejectionCode.USAGE_SIGNATURE_INVALID, "tenantSignature"));
    }

    @Test
    void cannotRecordACountersignatureOnALeaseWithoutATenantSigner() {
        fixture.given(opened(METER, null, 3600L))
                .when(usage("r-1", new UsageSignatures(METER_SIGNATURE, METER, TENANT_SIGNATURE, TENANT)))
                .expectNoEvents()
                .expectException(rejected(RejectionCode.USAGE_SIGNATURE_INVALID, "tenantSignature"));
    }

    @Test
    void cannotRecordSignedUsageOnALeaseWithoutSigners() {
        fixture.given(opened(null, null, null))
                .when(usage("r-1", new UsageSignatures(METER_SIGNATURE, METER, null, null)))
                .expectNoEvents()
                .expectException(rejected(RejectionCode.USAGE_SIGNATURE_INVALID, "signature"));
    }

    @Test
    void canRejectOnlyTheBadlySignedReportOfABatch() {
        fixture.given(opened(METER, null, 3600L))
                .when(new RecordUsageAcrossLeasesCommand(MKT, List.of(new RecordUsageBatchCommand(MKT, LEASE, List.of(
                        report("r-1", 0, new UsageSignatures(METER_SIGNATURE, METER, null, null)),
                        report("r-2", 1, new UsageSignatures(METER_SIGNATURE, STRANGER, null, null)),
                        report("r-3", 2, null))))))
                .expectEvents(recorded("r-1", METER_SIGNATURE, null))
                .expectResultMessagePayloadMatching(statuses("ACCEPTED r-1", "REJECTED r-2 USAGE_SIGNATURE_INVALID",
                        "REJECTED r-3 USAGE_SIGNATURE_INVALID"));
    }

    // --- messages

    static OpenLeaseCommand open(String meterSigner, String tenantSigner, Long disputeWindowSeconds) {
        return new OpenLeaseCommand(MKT, LEASE, "prov-7", PAYOUT, "tenant-42", "H100-SXM-80GB", 8, PRICE, 500, START,
                END, null, meterSigner, tenantSigner, disputeWindowSeconds);
    }

    static LeaseOpenedEvent opened(String meterSigner, String tenantSigner, Long disputeWindowSeconds) {
        return new LeaseOpenedEvent(MKT, LEASE, "prov-7", PAYOUT, "tenant-42", "H100-SXM-80GB", 8, PRICE, 500, START,
                END, Billing.POSTPAID, meterSigner, tenantSigner, disputeWindowSeconds);
    }

    /** A full hour of all 8 GPUs, the {@code hour}-th of the lease. */
    static UsageReport report(String reportId, int hour, UsageSignatures signatures) {
        return new UsageReport(reportId, START.plusSeconds(3600L * hour), START.plusSeconds(3600L * (hour + 1)),
                FULL_HOUR, signatures);
    }

    static RecordUsageCommand usage(String reportId, UsageSignatures signatures) {
        return new RecordUsageCommand(MKT, LEASE, report(reportId, 0, signatures));
    }

    /** The first hour recorded alone: 16,800,000 units charged, 840,000 of them the fee. */
    static UsageRecordedEvent recorded(String reportId, String signature, String tenantSignature) {
        return new UsageRecordedEvent(MKT, LEASE, List.of(new RecordedUsage(reportId, START, START.plusSeconds(3600),
                FULL_HOUR, PRICE, BigInteger.valueOf(16_800_000), BigInteger.valueOf(840_000),
                BigInteger.valueOf(15_960_000), signature, tenantSignature)));
    }

    private static Matcher<List<LeaseUsageOutcomes>> statuses(String... expected) {
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
                ? "REJECTED " + o.reportId() + " " + o.rejection().code() : o.status() + " " + o.reportId()).toList();
    }
}
