package io.gpuledger.lease;

import io.gpuledger.common.Charges;
import io.gpuledger.lease.UsageBook.RecordedReport;
import io.gpuledger.lease.api.UsageReport;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Every report a lease recorded, in columns of primitives: found by id (to answer a replay with its
 * first charges, or refuse a conflict) and by period (to refuse an overlap).
 *
 * <p>A cached lease keeps every report it ever recorded, so their shape decides the service's
 * memory and the collector's work. As objects (a map entry, a record, two instants, a tree node)
 * a report cost six objects and some 200 bytes that every young collection copied and every
 * marking cycle traced; here it costs no object at all: about 100 bytes of array slots and its id's
 * bytes, packed one after another (an id kept as a String was two more objects and some 45 bytes).
 *
 * <p>Periods are kept sorted by start in {@code byStart}. Meters report in order, so nearly every
 * period is appended and no recorded period can overlap it; only a late report is searched for. A
 * voided report's period is freed: it leaves {@code byStart}, while its id stays known.
 */
final class RecordedReports {

    private static final int INITIAL = 8;

    private int size;
    /** The ids' UTF-8 bytes, one after another; report p's are {@code idBytes[idStart[p], idStart[p + 1])}. */
    private byte[] idBytes = new byte[INITIAL * 16];
    private int[] idStart = new int[INITIAL + 1];
    private long[] startSeconds = new long[INITIAL];
    private int[] startNanos = new int[INITIAL];
    private long[] endSeconds = new long[INITIAL];
    private int[] endNanos = new int[INITIAL];
    /** Each report's quantity: gpuSeconds, or energyWh on a capacity lease. */
    private long[] gpuSeconds = new long[INITIAL];
    private long[] chargedUnits = new long[INITIAL];
    private long[] feeUnits = new long[INITIAL];
    private long[] providerUnits = new long[INITIAL];
    /** Charges that do not fit in longs, by report; null while every report's do. */
    private Charges[] wideCharges;
    /** Positions of the reports whose periods count, sorted by period start; the first {@code periods} are used. */
    private int[] byStart = new int[INITIAL];
    private int periods;
    /**
     * Open addressing by id: the id's hash in the high half, the report's position plus one in the
     * low half, 0 for an empty slot. With the hash at hand, probing and growing the table never touch
     * the id strings, scattered over the heap, except to confirm a match.
     */
    private long[] slots = new long[INITIAL * 2];
    /** The position of the report whose period ends last, or -1. */
    private int latest = -1;

    RecordedReport find(String reportId) {
        int position = positionOf(reportId);
        return position < 0 ? null : new RecordedReport(id(position), start(position), end(position),
                gpuSeconds[position], charges(position));
    }

    /** Whether {@code [start, end)} shares any instant with a recorded period. */
    boolean overlaps(Instant start, Instant end) {
        if (latest < 0 || compareToEnd(start, latest) >= 0) {
            return false;
        }
        int floor = floorIndex(start);
        if (floor >= 0 && compareToEnd(start, byStart[floor]) < 0) {
            return true;
        }
        int next = floor + 1;
        return next < periods && compareToStart(end, byStart[next]) > 0;
    }

    /** The end of the latest recorded period, or null when none is. */
    Instant latestEnd() {
        return latest < 0 ? null : end(latest);
    }

    /** Records a report whose id is new and whose period overlaps none recorded. */
    void add(UsageReport report, Charges charges) {
        if (size == gpuSeconds.length) {
            grow();
        }
        int position = size;
        appendId(position, report.reportId());
        startSeconds[position] = report.periodStart().getEpochSecond();
        startNanos[position] = report.periodStart().getNano();
        endSeconds[position] = report.periodEnd().getEpochSecond();
        endNanos[position] = report.periodEnd().getNano();
        gpuSeconds[position] = report.quantity();
        if (fitsInLongs(charges)) {
            chargedUnits[position] = charges.chargedUnits().longValue();
            feeUnits[position] = charges.feeUnits().longValue();
            providerUnits[position] = charges.providerUnits().longValue();
        } else {
            if (wideCharges == null) {
                wideCharges = new Charges[gpuSeconds.length];
            }
            wideCharges[position] = charges;
        }
        int at = periods == 0 || compareToStart(report.periodStart(), byStart[periods - 1]) >= 0
                ? periods : floorIndex(report.periodStart()) + 1;
        System.arraycopy(byStart, at, byStart, at + 1, periods - at);
        byStart[at] = position;
        periods++;
        if (latest < 0 || compareToEnd(report.periodEnd(), latest) > 0) {
            latest = position;
        }
        size++;
        index(position, report.reportId().hashCode());
    }

    /**
     * Frees a recorded report's period: a voided report no longer counts, so its period may be
     * reported again under a new id. Its id stays known. Periods that count never overlap, so the
     * one starting exactly at the report's start is the report's.
     */
    void freePeriod(String reportId) {
        int position = positionOf(reportId);
        int at = position < 0 ? -1 : floorIndex(start(position));
        if (at < 0 || byStart[at] != position) {
            throw new IllegalStateException("report " + reportId + " has no period that counts");
        }
        System.arraycopy(byStart, at + 1, byStart, at, periods - at - 1);
        periods--;
        if (latest == position) {
            latest = -1;
            for (int i = 0; i < periods; i++) {
                if (latest < 0 || compareToEnd(end(byStart[i]), latest) > 0) {
                    latest = byStart[i];
                }
            }
        }
    }

    private int positionOf(String reportId) {
        int hash = reportId.hashCode();
        int mask = slots.length - 1;
        for (int slot = slotOf(hash); slots[slot] != 0; slot = (slot + 1) & mask) {
            int position = (int) slots[slot] - 1;
            if ((int) (slots[slot] >>> 32) == hash && idEquals(position, reportId)) {
                return position;
            }
        }
        return -1;
    }

    private void index(int position, int hash) {
        if (size * 2 > slots.length) {
            long[] entries = slots;
            slots = new long[entries.length * 2];
            for (long entry : entries) {
                if (entry != 0) {
                    place(entry);
                }
            }
        }
        place((long) hash << 32 | (position + 1));
    }

    private void place(long entry) {
        int mask = slots.length - 1;
        int slot = slotOf((int) (entry >>> 32));
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = entry;
    }

    /**
     * Fibonacci hashing: the top bits of the hash times 2^32 / φ. Meters number their reports, and
     * String hashes of "r-1", "r-2", … are nearly consecutive: taken modulo the table they fill one
     * dense run, and linear probing for a new id walked the run to its end.
     */
    private int slotOf(int hash) {
        return (hash * 0x9E3779B9) >>> (Integer.SIZE - Integer.numberOfTrailingZeros(slots.length));
    }

    /** The index in {@code byStart} of the last period starting at or before {@code instant}, or -1. */
    private int floorIndex(Instant instant) {
        int low = 0;
        int high = periods - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (compareToStart(instant, byStart[mid]) < 0) {
                high = mid - 1;
            } else {
                low = mid + 1;
            }
        }
        return high;
    }

    private int compareToStart(Instant instant, int position) {
        return compare(instant, startSeconds[position], startNanos[position]);
    }

    private int compareToEnd(Instant instant, int position) {
        return compare(instant, endSeconds[position], endNanos[position]);
    }

    private static int compare(Instant instant, long seconds, int nanos) {
        int bySeconds = Long.compare(instant.getEpochSecond(), seconds);
        return bySeconds != 0 ? bySeconds : Integer.compare(instant.getNano(), nanos);
    }

    private void appendId(int position, String id) {
        int from = idStart[position];
        int length = id.length();
        if (!isAscii(id)) {
            byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
            ensureIdRoom(from + utf8.length);
            System.arraycopy(utf8, 0, idBytes, from, utf8.length);
            idStart[position + 1] = from + utf8.length;
            return;
        }
        ensureIdRoom(from + length);
        for (int i = 0; i < length; i++) {
            idBytes[from + i] = (byte) id.charAt(i);
        }
        idStart[position + 1] = from + length;
    }

    private void ensureIdRoom(int length) {
        if (length > idBytes.length) {
            idBytes = Arrays.copyOf(idBytes, Math.max(length, idBytes.length * 2));
        }
    }

    private String id(int position) {
        return new String(idBytes, idStart[position], idStart[position + 1] - idStart[position],
                StandardCharsets.UTF_8);
    }

    /** Whether report {@code position}'s id is {@code id}, compared without building a String. */
    private boolean idEquals(int position, String id) {
        int from = idStart[position];
        int length = idStart[position + 1] - from;
        if (!isAscii(id)) {
            byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
            return Arrays.equals(idBytes, from, from + length, utf8, 0, utf8.length);
        }
        if (length != id.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (idBytes[from + i] != (byte) id.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private Instant start(int position) {
        return Instant.ofEpochSecond(startSeconds[position], startNanos[position]);
    }

    private Instant end(int position) {
        return Instant.ofEpochSecond(endSeconds[position], endNanos[position]);
    }

    private Charges charges(int position) {
        if (wideCharges != null && wideCharges[position] != null) {
            return wideCharges[position];
        }
        return new Charges(BigInteger.valueOf(chargedUnits[position]), BigInteger.valueOf(feeUnits[position]),
                BigInteger.valueOf(providerUnits[position]));
    }

    private static boolean fitsInLongs(Charges charges) {
        return charges.chargedUnits().bitLength() < Long.SIZE && charges.feeUnits().bitLength() < Long.SIZE
                && charges.providerUnits().bitLength() < Long.SIZE;
    }

    private void grow() {
        int capacity = gpuSeconds.length * 2;
        idStart = Arrays.copyOf(idStart, capacity + 1);
        startSeconds = Arrays.copyOf(startSeconds, capacity);
        startNanos = Arrays.copyOf(startNanos, capacity);
        endSeconds = Arrays.copyOf(endSeconds, capacity);
        endNanos = Arrays.copyOf(endNanos, capacity);
        gpuSeconds = Arrays.copyOf(gpuSeconds, capacity);
        chargedUnits = Arrays.copyOf(chargedUnits, capacity);
        feeUnits = Arrays.copyOf(feeUnits, capacity);
        providerUnits = Arrays.copyOf(providerUnits, capacity);
        byStart = Arrays.copyOf(byStart, capacity);
        if (wideCharges != null) {
            wideCharges = Arrays.copyOf(wideCharges, capacity);
        }
    }

    /** Equal when the same reports were recorded in the same order and the same periods count (Axon's fixture compares aggregate states). */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RecordedReports that) || size != that.size || periods != that.periods
                || !Arrays.equals(byStart, 0, periods, that.byStart, 0, periods)) {
            return false;
        }
        for (int p = 0; p < size; p++) {
            if (!id(p).equals(that.id(p)) || !start(p).equals(that.start(p)) || !end(p).equals(that.end(p))
                    || gpuSeconds[p] != that.gpuSeconds[p] || !charges(p).equals(that.charges(p))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(Arrays.copyOf(idBytes, idStart[size]));
    }
}
