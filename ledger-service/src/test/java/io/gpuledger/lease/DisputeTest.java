package io.gpuledger.lease;

import static io.gpuledger.lease.SignedLeaseTest.FULL_HOUR;
import static io.gpuledger.lease.SignedLeaseTest.LEASE;
import static io.gpuledger.lease.SignedLeaseTest.METER;
import static io.gpuledger.lease.SignedLeaseTest.METER_SIGNATURE;
import static io.gpuledger.lease.SignedLeaseTest.MKT;
import static io.gpuledger.lease.SignedLeaseTest.PRICE;
import static io.gpuledger.lease.SignedLeaseTest.START;
import static io.gpuledger.lease.SignedLeaseTest.TENANT;
import static io.gpuledger.lease.SignedLeaseTest.TENANT_SIGNATURE;
import static io.gpuledger.lease.SignedLeaseTest.opened;
import static io.gpuledger.lease.SignedLeaseTest.recorded;
import static io.gpuledger.support.RejectionMatchers.rejected;

import io.gpuledger.common.Charges;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.lease.api.DisputeOutcome;
import io.gpuledger.lease.api.DisputeResult;
import io.gpuledger.lease.api.DisputeUsageCommand;
import io.gpuledger.lease.api.ResolveDisputeCommand;
import io.gpuledger.lease.api.UsageDisputeResolvedEvent;
import io.gpuledger.lease.api.UsageDisputedEvent;
import io.gpuledger.lease.api.UsageVoidedEvent;
import java.math.BigInteger;
import java.time.Instant;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispute rules of a lease with signers, one test each. The lease's window is an hour; its
 * report r-1 (a full hour, 16,800,000 units) was recorded at {@link #recordedAt}, when the
 * window starts. The commands carry the moment they are made, as the routes give it.
 */
class DisputeTest {

    private static final long WINDOW = 3600;
    private static final String REASON = "the meter counted a restart twice";

    private final Instant recordedAt = Instant.parse("2026-11-01T02:00:00Z");
    private FixtureConfiguration<Lease> fixture;

    @BeforeEach
    void setUp() {
        fixture = LeaseFixtures.postpaid();
    }

    /** The events, stored at {@link #recordedAt}. */
    private TestExecutor<Lease> given(Object... events) {
        return fixture.givenCurrentTime(recordedAt).andGiven(events);
    }

    @Test
    void canDisputeAReportTheTenantDidNotCountersignWithinItsWindow() {
        Instant at = recordedAt.plusSeconds(WINDOW - 1);
        given(opened(METER, TENANT, WINDOW), recorded("r-1", METER_SIGNATURE, null))
                .when(dispute(at))
                .expectEvents(new UsageDisputedEvent(MKT, LEASE, "r-1", REASON, at))
                .expectResultMessagePayload(new DisputeResult("r-1", null, at, null, false));
    }

    @Test
    void cannotDisputeAReportOnceItsWindowHasEnded() {
        given(opened(METER, TENANT, WINDOW), recorded("r-1", METER_SIGNATURE, null))
                .when(dispute(recordedAt.plusSeconds(WINDOW)))
                .expectNoEvents()
                .expectException(rejected(RejectionCode.DISPUTE_WINDOW_CLOSED, "reportId"));
    }

    @Test
    void cannotDisputeAReportTheTenantCountersigned() {
        given(opened(METER, TENANT, WINDOW), recorded("r-1", METER_SIGNATURE, TENANT_SIGNATURE))
                .when(dispute(recordedAt.plusSeconds(1)))
                .expectNoEvents()
                .expectException(rejected(RejectionCode.USAGE_COUNTERSIGNED, "reportId"));
    }

    @Test
    void cannotDisputeUsageOfALeaseWithoutSigners() {
        given(opened(null, null, null), recorded("r-1", null, null))
                .when(dispute(recordedAt.plusSeconds(1)))
                .expectNoEvents()
                .expectException(rejected(RejectionCode.DISPUTE_WINDOW_CLOSED, "reportId"));
    }

    @Test
    void cannotDisputeAReportNeverRecorded() {
        given(opened(METER, TENANT, WINDOW))
                .when(dispute(recordedAt.plusSeconds(1)))
                .expectNoEvents()
                .expectException(rejected(RejectionCode.USAGE_REPORT_NOT_FOUND, "reportId"));
    }

    @Test
    void canAnswerASecondDisputeWithTheFirst() {
        Instant first = recordedAt.plusSeconds(10);
        given(opened(METER, TENANT, WINDOW), recorded("r-1", METER_SIGNATURE, null), disputed(first))
                .when(dispute(recordedAt.plusSeconds(WINDOW + 10)))
                .expectNoEvents()
                .expectResultMessagePayload(new DisputeResult("r-1", null, first, null, true));
    }

    @Test
    void canResolveADisputeByAcceptingTheReport() {
        Instant at = recordedAt.plusSeconds(WINDOW * 2);
        given(opened(METER, TENANT, WINDOW), recorded("r-1", METER_SIGNATURE, null), disputed(recordedAt))
                .when(resolve(DisputeOutcome.ACCEPT, at))
                .expectEvents(new UsageDisputeResolvedEvent(MKT, LEASE, "r-1", DisputeOutcome.ACCEPT, at))
                .expectResultMessagePayload(new DisputeResult("r-1", DisputeOutcome.ACCEPT, at, null, false));
    }

    @Test
    void canResolveADisputeByVoidingTheReportThroughTheVoidOfCorrections() {
        Instant at = recordedAt.plusSeconds(WINDOW * 2);
        given(opened(METER, TENANT, WINDOW), recorded("r-1", METER_SIGNATURE, null), disputed(recordedAt))
                .when(resolve(DisputeOutcome.VOID, at))
                .expectEvents(new UsageDisputeResolvedEvent(MKT, LEASE, "r-1", DisputeOutcome.VOID, at), voided())
                .expectResultMessagePayload(new DisputeResult("r-1", DisputeOutcome.VOID, at, voidSlice(), false));
    }

    @Test
    void canAnswerTheSameResolutionAgainWithTheFirst() {
        Instant first = recordedAt.plusSeconds(WINDOW * 2);
        given(opened(METER, TENANT, WINDOW), recorded("r-1", METER_SIGNATURE, null), disputed(recordedAt),
                        new UsageDisputeResolvedEvent(MKT, LEASE, "r-1", DisputeOutcome.VOID, first), voided())
                .when(resolve(DisputeOutcome.VOID, first.plusSeconds(60)))
                .expectNoEvents()
                .expectResultMessagePayload(new DisputeResult("r-1", DisputeOutcome.VOID, first, voidSlice(), true));
    }

    @Test
    void cannotResolveADisputeAgainWithAnotherOutcome() {
        Instant first = recordedAt.plusSeconds(WINDOW * 2);
        given(opened(METER, TENANT, WINDOW), recorded("r-1", METER_SIGNATURE, null), disputed(recordedAt),
                        new UsageDisputeResolvedEvent(MKT, LEASE, "r-1", DisputeOutcome.ACCEPT, first))
                .when(resolve(DisputeOutcome.VOID, first.plusSeconds(60)))
                .expectNoEvents()
                .expectException(rejected(RejectionCode.DISPUTE_ALREADY_RESOLVED, "outcome"));
    }

    @Test
    void cannotResolveAReportThatIsNotDisputed() {
        given(opened(METER, TENANT, WINDOW), recorded("r-1", METER_SIGNATURE, null))
                .when(resolve(DisputeOutcome.ACCEPT, recordedAt.plusSeconds(60)))
                .expectNoEvents()
                .expectException(rejected(RejectionCode.USAGE_NOT_DISPUTED, "reportId"));
    }

    private static DisputeUsageCommand dispute(Instant at) {
        return new DisputeUsageCommand(MKT, LEASE, "r-1", REASON, at);
    }

    private static UsageDisputedEvent disputed(Instant at) {
        return new UsageDisputedEvent(MKT, LEASE, "r-1", REASON, at);
    }

    private static ResolveDisputeCommand resolve(DisputeOutcome outcome, Instant at) {
        return new ResolveDisputeCommand(MKT, LEASE, "r-1", outcome, at);
    }

    private static UsageVoidedEvent voided() {
        Charges slice = voidSlice();
        return new UsageVoidedEvent(MKT, LEASE, "r-1", "dispute: " + REASON, START, START.plusSeconds(3600), FULL_HOUR,
                PRICE, slice.chargedUnits(), slice.feeUnits(), slice.providerUnits());
    }

    private static Charges voidSlice() {
        return new Charges(BigInteger.valueOf(-16_800_000), BigInteger.valueOf(-840_000), BigInteger.valueOf(-15_960_000));
    }
}
