package io.gpuledger.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.common.Charges;
import io.gpuledger.usage.UsageBook.RecordedReport;
import io.gpuledger.usage.api.UsageReport;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * RecordedReports against plain collections: a report is found by its id with its body and first
 * charges, and [start, end) overlaps a recorded period when each starts before the other ends.
 * Offers come mostly in order, as meters send them, some late, some a fraction of a second apart,
 * some under an id already recorded, some with charges too wide for a long.
 */
class RecordedReportsPropertyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final BigInteger WIDE = BigInteger.ONE.shiftLeft(70);

    @Property(tries = 500)
    void answersAsPlainCollectionsAfterEveryReportAdded(
            @ForAll @Size(max = 120) List<@IntRange(min = -40, max = 60) Integer> startSteps,
            @ForAll @Size(max = 120) List<@IntRange(min = 1, max = 12) Integer> lengths,
            @ForAll @Size(max = 120) List<@IntRange(min = 0, max = 200) Integer> idNumbers) {
        RecordedReports reports = new RecordedReports();
        Map<String, RecordedReport> expected = new LinkedHashMap<>();
        int cursor = 0;
        int offers = Math.min(startSteps.size(), Math.min(lengths.size(), idNumbers.size()));
        for (int i = 0; i < offers; i++) {
            // Positive steps move on from the cursor (in order); negative ones reach back (late).
            int step = startSteps.get(i);
            int startSecond = step >= 0 ? cursor + step % 5 : Math.max(0, cursor + step);
            Instant start = T0.plusSeconds(startSecond).plusMillis(step % 3 == 0 ? 500 : 0);
            Instant end = start.plusSeconds(lengths.get(i));
            // Short numbered ids hash close together; long ones overflow to hashes of either sign.
            String id = idNumbers.get(i) % 2 == 0 ? "r-" + idNumbers.get(i) : "meter-9-00012" + idNumbers.get(i) * 7919;

            boolean overlapping = expected.values().stream()
                    .anyMatch(r -> start.isBefore(r.periodEnd()) && r.periodStart().isBefore(end));
            assertThat(reports.overlaps(start, end)).as("[%s, %s) against %s", start, end, expected.values())
                    .isEqualTo(overlapping);
            assertThat(reports.find(id)).isEqualTo(expected.get(id));
            if (!overlapping && !expected.containsKey(id)) {
                BigInteger charged = BigInteger.valueOf(i * 7L).add(i % 11 == 0 ? WIDE : BigInteger.ZERO);
                Charges charges = new Charges(charged, BigInteger.valueOf(i), charged.subtract(BigInteger.valueOf(i)));
                long gpuSeconds = lengths.get(i) * 8L;
                reports.add(new UsageReport(id, start, end, gpuSeconds), charges);
                expected.put(id, new RecordedReport(id, start, end, gpuSeconds, charges));
                cursor = Math.max(cursor, startSecond + lengths.get(i));
            }
        }
        for (RecordedReport report : expected.values()) {
            assertThat(reports.find(report.reportId())).isEqualTo(report);
        }
        Instant latest = expected.values().stream().map(RecordedReport::periodEnd).max(Instant::compareTo).orElse(null);
        assertThat(reports.latestEnd()).isEqualTo(latest);
    }
}
