package io.gpuledger.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * RecordedPeriods against the definition: [start, end) overlaps a recorded period when each starts
 * before the other ends. Offers come mostly in order, as meters send them, and some late.
 */
class RecordedPeriodsPropertyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Property(tries = 500)
    void answersAsTheDefinitionAfterEveryPeriodAdded(
            @ForAll @Size(max = 80) List<@IntRange(min = -40, max = 60) Integer> startSteps,
            @ForAll @Size(max = 80) List<@IntRange(min = 1, max = 12) Integer> lengths) {
        RecordedPeriods periods = new RecordedPeriods();
        List<Instant[]> recorded = new ArrayList<>();
        int cursor = 0;
        for (int i = 0; i < Math.min(startSteps.size(), lengths.size()); i++) {
            // Positive steps move on from the cursor (in order); negative ones reach back (late).
            int step = startSteps.get(i);
            int startSecond = step >= 0 ? cursor + step % 5 : Math.max(0, cursor + step);
            Instant start = T0.plusSeconds(startSecond);
            Instant end = start.plusSeconds(lengths.get(i));

            boolean expected = recorded.stream().anyMatch(p -> start.isBefore(p[1]) && p[0].isBefore(end));
            assertThat(periods.overlaps(start, end)).as("[%s, %s) against %d periods", start, end, recorded.size())
                    .isEqualTo(expected);
            if (!expected) {
                periods.add(start, end);
                recorded.add(new Instant[] {start, end});
                cursor = Math.max(cursor, startSecond + lengths.get(i));
            }
        }
        Instant latest = recorded.stream().map(p -> p[1]).max(Instant::compareTo).orElse(null);
        assertThat(periods.latestEnd()).isEqualTo(latest);
    }
}
