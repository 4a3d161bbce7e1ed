package io.gpuledger.lease;

import static io.gpuledger.common.RejectionCode.USAGE_PERIOD_OVERLAP;
import static io.gpuledger.common.RejectionCode.USAGE_REPORT_CONFLICT;

import io.gpuledger.common.Charges;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
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
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lease that recorded far more reports than it keeps in memory: a report recorded before the
 * recent ones is still a DUPLICATE (answered from the report history), a CONFLICT under another body,
 * its period still refuses an overlap, and it can be voided. 8 GPUs at 2,100,000 units per GPU-hour
 * with a 5% fee: a full minute (480 GPU-seconds) charges 280,000 units, 14,000 of them fee.
 */
class LeaseLongHistoryTest {

    private static final String MKT = "mkt-a";
    private static final String LEASE = "lease-1";
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final BigInteger PRICE = BigInteger.valueOf(2_100_000);
    private static final int REPORTS = RecentReports.GENERATION * 5;
    private static final Charges MINUTE = new Charges(BigInteger.valueOf(280_000), BigInteger.valueOf(14_000),
            BigInteger.valueOf(266_000));

    private FixtureConfiguration<Lease> fixture;

    @BeforeEach
    void setUp() {
        fixture = LeaseFixtures.postpaid();
    }

    @Test
    void canReplayAReportRecordedBeforeTheRecentOnesAndGetItsFirstCharges() {
        givenALongHistory()
                .when(usage("r-0", minute(0), minute(1), 480))
                .expectNoEvents()
                .expectResultMessagePayload(UsageOutcome.duplicate("r-0", MINUTE));
    }

    @Test
    void cannotRecordAnotherBodyUnderAReportIdRecordedBeforeTheRecentOnes() {
        givenALongHistory()
                .when(usage("r-1", minute(REPORTS), minute(REPORTS + 1), 480))
                .expectNoEvents()
                .expectException(rejection(USAGE_REPORT_CONFLICT, "reportId"));
    }

    @Test
    void cannotRecordAPeriodOverlappingAReportRecordedBeforeTheRecentOnes() {
        givenALongHistory()
                .when(usage("late", minute(2).plusSeconds(30), minute(3), 10))
                .expectNoEvents()
                .expectException(rejection(USAGE_PERIOD_OVERLAP, "periodStart"));
    }

    @Test
    void canVoidAReportRecordedBeforeTheRecentOnesAndRecordItsPeriodAgain() {
        givenALongHistory()
                .andGivenCommands(new VoidUsageCommand(MKT, LEASE, "r-3", "metered twice"))
                .when(usage("r-3-again", minute(3), minute(4), 240))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UsageRecordedEvent(MKT, LEASE, List.of(new RecordedUsage("r-3-again", minute(3),
                        minute(4), 240, PRICE, BigInteger.valueOf(140_000), BigInteger.valueOf(7_000),
                        BigInteger.valueOf(133_000)))));
    }

    @Test
    void voidsAReportRecordedBeforeTheRecentOnesWithItsRecordedPeriod() {
        givenALongHistory()
                .when(new VoidUsageCommand(MKT, LEASE, "r-3", "metered twice"))
                .expectEvents(new UsageVoidedEvent(MKT, LEASE, "r-3", "metered twice", minute(3), minute(4), 480, PRICE,
                        BigInteger.valueOf(-280_000), BigInteger.valueOf(-14_000), BigInteger.valueOf(-266_000)));
    }

    private static Matcher<LedgerRejection> rejection(RejectionCode code, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(LedgerRejection rejection) {
                return rejection.code() == code && field.equals(rejection.field());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a LedgerRejection " + code + " on field " + field);
            }
        };
    }

    private TestExecutor<Lease> givenALongHistory() {
        List<Object> commands = new ArrayList<>();
        commands.add(new OpenLeaseCommand(MKT, LEASE, "prov-7", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "tenant-42", "H100-SXM-80GB", 8, PRICE, 500, START, null, null));
        for (int i = 0; i < REPORTS; i++) {
            commands.add(usage("r-" + i, minute(i), minute(i + 1), 480));
        }
        return fixture.givenCommands(commands);
    }

    private static RecordUsageCommand usage(String reportId, Instant start, Instant end, long gpuSeconds) {
        return new RecordUsageCommand(MKT, LEASE, new UsageReport(reportId, start, end, gpuSeconds));
    }

    private static Instant minute(int minutes) {
        return START.plusSeconds(60L * minutes);
    }
}
