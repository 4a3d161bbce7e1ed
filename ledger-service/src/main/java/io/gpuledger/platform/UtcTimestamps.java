package io.gpuledger.platform;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Parses {@code yyyy-MM-ddTHH:mm:ss[.fffffffff]Z}, already matched by a pattern, several times faster
 * than {@link Instant#parse}: usage batches carry two timestamps per report and this is their hot path.
 */
final class UtcTimestamps {

    private UtcTimestamps() {
    }

    /** @throws java.time.DateTimeException when a field is out of range (month 13, February 30) */
    static Instant parse(String text) {
        LocalDateTime dateTime = LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10),
                digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19), nanos(text));
        return dateTime.toInstant(ZoneOffset.UTC);
    }

    private static int nanos(String text) {
        if (text.charAt(19) != '.') {
            return 0;
        }
        int end = text.length() - 1;
        int nanos = digits(text, 20, end);
        for (int i = end - 20; i < 9; i++) {
            nanos *= 10;
        }
        return nanos;
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
