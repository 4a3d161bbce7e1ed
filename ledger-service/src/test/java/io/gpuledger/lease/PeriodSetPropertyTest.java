package io.gpuledger.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * PeriodSet against a plain list of the periods that count: after every period added or removed it
 * tells the same overlaps and the same latest end, however the intervals were joined and cut.
 * Periods come mostly in order and touching, some late, some half a second apart; some are removed.
 */
class PeriodSetPropertyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private record Period(Instant start, Instant end) {
        boolean overlaps(Instant otherStart, Instant otherEnd) {
            return otherStart.isBefore(end) && start.isBefore(otherEnd);
        }
    }

    @Property(tries = 500)
    void answersAsAPlainListOfPeriods(
            @ForAll @Size(max = 120) List<@IntRange(min = -40, max = 40) Integer> startSteps,
            @ForAll @Size(max = 120) List<@IntRange(min = 1, max = 12) Integer> lengths,
            @ForAll @Size(max = 120) List<@IntRange(min = -1, max = 30) Integer> removals) {
        PeriodSet periods = new PeriodSet();
        List<Period> counting = new ArrayList<>();
        int cursor = 0;
        int offers = Math.min(startSteps.size(), Math.min(lengths.size(), removals.size()));
        for (int i = 0; i < offers; i++) {
            int step = startSteps.get(i);
            int startSecond = step >= 0 ? cursor + step % 3 : Math.max(0, cursor + step);
            Instant start = T0.plusSeconds(startSecond).plusMillis(step % 7 == 0 ? 500 : 0);
            Instant end = start.plusSeconds(lengths.get(i));
            boolean overlapping = counting.stream().anyMatch(p -> p.overlaps(start, end));
            assertThat(periods.overlaps(start, end)).as("[%s, %s) against %s", start, end, counting)
                    .isEqualTo(overlapping);
            if (!overlapping) {
                periods.add(start, end);
                counting.add(new Period(start, end));
                cursor = Math.max(cursor, startSecond + lengths.get(i));
            }
            int removed = removals.get(i);
            if (removed >= 0 && removed < counting.size()) {
                Period period = counting.remove(removed);
                periods.remove(period.start(), period.end());
            }
            Instant latest = counting.stream().map(Period::end).max(Instant::compareTo).orElse(null);
            assertThat(periods.latestEnd()).isEqualTo(latest);
        }
    }

    @Property(tries = 50)
    void contiguousPeriodsCollapseToOneInterval(@ForAll @IntRange(min = 1, max = 5000) int reports) {
        PeriodSet periods = new PeriodSet();
        for (int i = 0; i < reports; i++) {
            periods.add(T0.plusSeconds(60L * i), T0.plusSeconds(60L * (i + 1)));
        }
        assertThat(periods.intervalCount()).isEqualTo(1);
        assertThat(periods.overlaps(T0.plusSeconds(30), T0.plusSeconds(31))).isTrue();
    }
}
