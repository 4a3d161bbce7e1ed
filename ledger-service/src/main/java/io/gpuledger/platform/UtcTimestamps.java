package io.gpuledger.platform;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Parses {@code yyyy-MM-ddTHH:mm:ss[.fffffffff]Z}, already matched by a pattern, several times faster
 * than {@link Instant#parse}: usage batches carry two timestamps per report and this is their hot path.
 * Usage events store two as well, written and read as {@link Instant#toString} writes them.
 */
public final class UtcTimestamps {

    private static final long FIRST_SECOND_OF_YEAR_0 = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long FIRST_SECOND_OF_YEAR_10000 = LocalDateTime.of(10000, 1, 1, 0, 0)
            .toEpochSecond(ZoneOffset.UTC);

    private UtcTimestamps() {
    }

    /** @throws java.time.DateTimeException when a field is out of range (month 13, February 30) */
    public static Instant parse(String text) {
        LocalDateTime dateTime = LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10),
                digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19), nanos(text));
        return dateTime.toInstant(ZoneOffset.UTC);
    }

    /** Reads what {@link #format} (or {@link Instant#toString}) wrote. */
    public static Instant parseWritten(String text) {
        return hasPlainShape(text) ? parse(text) : Instant.parse(text);
    }

    /** Exactly {@link Instant#toString}: seconds, then the fraction in groups of three digits, if any. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND_OF_YEAR_0 || seconds >= FIRST_SECOND_OF_YEAR_10000) {
            return instant.toString();
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        char[] out = new char[30];
        int n = put(out, 0, t.getYear(), 4);
        out[n++] = '-';
        n = put(out, n, t.getMonthValue(), 2);
        out[n++] = '-';
        n = put(out, n, t.getDayOfMonth(), 2);
        out[n++] = 'T';
        n = put(out, n, t.getHour(), 2);
        out[n++] = ':';
        n = put(out, n, t.getMinute(), 2);
        out[n++] = ':';
        n = put(out, n, t.getSecond(), 2);
        int nanos = instant.getNano();
        if (nanos != 0) {
            out[n++] = '.';
            if (nanos % 1_000_000 == 0) {
                n = put(out, n, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                n = put(out, n, nanos / 1000, 6);
            } else {
                n = put(out, n, nanos, 9);
            }
        }
        out[n++] = 'Z';
        return new String(out, 0, n);
    }

    private static int put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    private static boolean hasPlainShape(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || (length > 20 && text.charAt(19) != '.')
                || length == 21) {
            return false;
        }
        for (int i = 0; i < length - 1; i++) {
            char c = text.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                case 19 -> c == '.';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        return true;
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
