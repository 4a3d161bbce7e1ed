package io.gpuledger.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.common.Charges;
import io.gpuledger.lease.UsageBook.RecordedReport;
import io.gpuledger.lease.api.UsageReport;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * RecordedReports against plain collections: a report is found by its id with its body and first
 * charges, and [start, end) overlaps a recorded period when each starts before the other ends.
 * Offers come mostly in order, as meters send them, some late, some a fraction of a second apart,
 * some under an id already recorded, some with charges too wide for a long. Ids are asked for
 * whether recorded or not, among them ids that differ from a recorded one only in length. Some
 * reports are voided on the way: their periods stop counting, their ids stay known.
 */
class RecordedReportsPropertyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final BigInteger WIDE = BigInteger.ONE.shiftLeft(70);

    @Property(tries = 500)
    void answersAsPlainCollectionsAfterEveryReportAdded(
            @ForAll @Size(max = 120) List<@IntRange(min = -40, max = 60) Integer> startSteps,
            @ForAll @Size(max = 120) List<@IntRange(min = 1, max = 12) Integer> lengths,
            @ForAll @Size(max = 120) List<@IntRange(min = 0, max = 200) Integer> idNumbers,
            @ForAll @Size(max = 120) List<@IntRange(min = -1, max = 30) Integer> voids) {
        RecordedReports reports = new RecordedReports();
        Map<String, RecordedReport> expected = new LinkedHashMap<>();
        List<RecordedReport> counting = new java.util.ArrayList<>();
        int cursor = 0;
        int offers = Math.min(Math.min(startSteps.size(), voids.size()), Math.min(lengths.size(), idNumbers.size()));
        for (int i = 0; i < offers; i++) {
            // Positive steps move on from the cursor (in order); negative ones reach back (late).
            int step = startSteps.get(i);
            int startSecond = step >= 0 ? cursor + step % 5 : Math.max(0, cursor + step);
            Instant start = T0.plusSeconds(startSecond).plusMillis(step % 3 == 0 ? 500 : 0);
            Instant end = start.plusSeconds(lengths.get(i));
            // Short numbered ids hash close together; long ones overflow to hashes of either sign; ids
            // stored before today's identifier rule may hold characters beyond ASCII.
            int n = idNumbers.get(i);
            String id = switch (n % 3) {
                case 0 -> "r-" + n;
                case 1 -> "meter-9-00012" + n * 7919;
                default -> "zähler-" + n;
            };

            boolean overlapping = counting.stream()
                    .anyMatch(r -> start.isBefore(r.periodEnd()) && r.periodStart().isBefore(end));
            assertThat(reports.overlaps(start, end)).as("[%s, %s) against %s", start, end, counting)
                    .isEqualTo(overlapping);
            assertThat(reports.find(id)).isEqualTo(expected.get(id));
            assertThat(reports.find(id + "0")).isEqualTo(expected.get(id + "0"));
            assertThat(reports.find(id.substring(0, id.length() - 1))).isEqualTo(expected.get(id.substring(0, id.length() - 1)));
            if (!overlapping && !expected.containsKey(id)) {
                BigInteger charged = BigInteger.valueOf(i * 7L).add(i % 11 == 0 ? WIDE : BigInteger.ZERO);
                Charges charges = new Charges(charged, BigInteger.valueOf(i), charged.subtract(BigInteger.valueOf(i)));
                long gpuSeconds = lengths.get(i) * 8L;
                reports.add(new UsageReport(id, start, end, gpuSeconds), charges);
                expected.put(id, new RecordedReport(id, start, end, gpuSeconds, charges));
                counting.add(expected.get(id));
                cursor = Math.max(cursor, startSecond + lengths.get(i));
            }
            int voided = voids.get(i);
            if (voided >= 0 && voided < counting.size()) {
                reports.freePeriod(counting.remove(voided).reportId());
            }
        }
        for (RecordedReport report : expected.values()) {
            assertThat(reports.find(report.reportId())).isEqualTo(report);
        }
        Instant latest = counting.stream().map(RecordedReport::periodEnd).max(Instant::compareTo).orElse(null);
        assertThat(reports.latestEnd()).isEqualTo(latest);
    }

    @Example
    void tellsApartIdsWhoseHashesCollide() {
        // String.hashCode is the same for "Aa" and "BB"; for "", "\u0000" and for "a", "\u0000a",
        // "\u0000\u0000a" (of different lengths); and for "ä" and "\u0007\u000b" (two UTF-8 bytes each,
        // one beyond ASCII).
        List<String> ids = List.of("Aa", "BB", "AaBB", "BBAa", "", "\u0000", "a", "\u0000a", "\u0000\u0000a", "ä",
                "\u0007\u000b");
        Charges charges = new Charges(BigInteger.TEN, BigInteger.ONE, BigInteger.valueOf(9));
        for (String recorded : ids) {
            RecordedReports reports = new RecordedReports();
            reports.add(new UsageReport(recorded, T0, T0.plusSeconds(1), 1), charges);
            for (String asked : ids) {
                assertThat(reports.find(asked) != null).as("%s recorded, %s asked", recorded, asked)
                        .isEqualTo(asked.equals(recorded));
            }
            assertThat(reports.find(recorded).reportId()).isEqualTo(recorded);
        }
    }
}
