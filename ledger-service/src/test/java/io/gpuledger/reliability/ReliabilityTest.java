package io.gpuledger.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The open windows the reliability route measures, and the provider's average uptime. */
class ReliabilityTest {

    private static final Instant START = Instant.parse("2026-11-15T00:00:00Z");

    @Test
    void anOpenWindowIsMeasuredUpToNowAndADowntimeOverTheMonthEndCountsInBoth() {
        List<Reliability.Downtime> down = List.of(new Reliability.Downtime(Instant.parse("2026-11-30T22:00:00Z"),
                Instant.parse("2026-12-01T02:00:00Z")));

        List<ReliabilityWindow> windows = Reliability.openWindows(START, null, null, down,
                Instant.parse("2026-12-02T00:00:00Z"));

        assertThat(windows).extracting(ReliabilityWindow::window).containsExactly("2026-11", "2026-12");
        assertThat(windows.get(0)).isEqualTo(new ReliabilityWindow("2026-11", START, Instant.parse("2026-12-01T00:00:00Z"),
                "OPEN", 1_382_400, 7200, 9947, null, null));
        assertThat(windows.get(1).activeSeconds()).as("a day so far").isEqualTo(86_400);
        assertThat(windows.get(1).downSeconds()).isEqualTo(7200);
        assertThat(windows.get(1).uptimeBps()).as("floor(10000 × 79,200 / 86,400)").isEqualTo(9166);
    }

    @Test
    void theWindowsAfterTheClosedOnesEndAtTheLeasesClose() {
        List<ReliabilityWindow> windows = Reliability.openWindows(START, Instant.parse("2027-01-10T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"), List.of(), Instant.parse("2027-03-01T00:00:00Z"));

        assertThat(windows).extracting(ReliabilityWindow::window).containsExactly("2026-12", "2027-01");
        assertThat(windows.get(1).windowEnd()).isEqualTo(Instant.parse("2027-01-10T00:00:00Z"));
        assertThat(windows.get(1).activeSeconds()).isEqualTo(777_600);
    }

    @Test
    void theAverageUptimeWeighsEachWindowByItsActiveSeconds() {
        List<Reliability.LeaseReliability> leases = List.of(
                new Reliability.LeaseReliability("mkt-a", "l-1", 9990, List.of(
                        closed("2025-11", 1_382_400, 7200), closed("2025-12", 2_678_400, 7200))),
                new Reliability.LeaseReliability("mkt-a", "l-2", 9990, List.of(closed("2026-01", 777_600, 7200))));

        assertThat(Reliability.averageUptimeBps(leases)).as("floor(10000 × 4,816,800 / 4,838,400)").isEqualTo(9955);
        assertThat(Reliability.averageUptimeBps(List.of())).isNull();
    }

    private static ReliabilityWindow closed(String month, long active, long down) {
        return new ReliabilityWindow(month, START, START, "CLOSED", active, down, 0, 0, BigInteger.ZERO);
    }
}
