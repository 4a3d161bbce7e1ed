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

    private static final long SECONDS_PER_DAY = 86_400;
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
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) (seconds - days * SECONDS_PER_DAY);
        char[] out = new char[30];
        int n = putDate(out, days);
        out[n++] = 'T';
        n = put(out, n, secondOfDay / 3600, 2);
        out[n++] = ':';
        n = put(out, n, secondOfDay / 60 % 60, 2);
        out[n++] = ':';
        n = put(out, n, secondOfDay % 60, 2);
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

    /**
     * Writes yyyy-MM-dd of a day counted from 1970-01-01, by Howard Hinnant's days-to-civil
     * algorithm: the same date as LocalDate.ofEpochDay, without building date and time objects for
     * every instant written (two per usage report, on the request path and in the projection).
     */
    private static int putDate(char[] out, long epochDay) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        int n = put(out, 0, year, 4);
        out[n++] = '-';
        n = put(out, n, month, 2);
        out[n++] = '-';
        return put(out, n, day, 2);
    }

    private static int put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /** Whether {@code text} is {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} in ASCII digits (fields not range-checked). */
    static boolean hasPlainShape(String text) {
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
