package io.gpuledger.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Usage events store instants as Instant.toString writes them; the fast path must agree to the character. */
class UtcTimestampsTest {

    private static final long YEAR_0000 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    @Test
    void formatsAsInstantToStringAndReadsItBack() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.ofEpochSecond(YEAR_0000),
                Instant.ofEpochSecond(YEAR_10000 - 1, 999_999_999),
                Instant.ofEpochSecond(YEAR_10000), Instant.ofEpochSecond(YEAR_0000 - 1), Instant.MIN, Instant.MAX,
                Instant.parse("2026-11-30T12:34:56.1Z"), Instant.parse("2026-11-30T12:34:56.000001Z"),
                Instant.parse("2026-11-30T12:34:56.000000001Z"), Instant.parse("2024-02-29T23:59:59.999999Z"));
        for (Instant instant : edges) {
            assertRoundTrip(instant);
        }
        SplittableRandom random = new SplittableRandom(20261130);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(YEAR_0000 - 1000, YEAR_10000 + 1000);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            assertRoundTrip(Instant.ofEpochSecond(seconds, nanos));
        }
    }

    private static void assertRoundTrip(Instant instant) {
        String text = UtcTimestamps.format(instant);
        assertThat(text).isEqualTo(instant.toString());
        assertThat(UtcTimestamps.parseWritten(text)).isEqualTo(instant);
    }
}
