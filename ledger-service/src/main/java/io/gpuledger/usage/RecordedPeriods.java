package io.gpuledger.usage;

import java.time.Instant;
import java.util.Arrays;

/**
 * Recorded usage periods, sorted by start, in two arrays. Meters report in order, so nearly every
 * period is appended at the end and no recorded period can overlap it; only a late report is
 * searched for and inserted. A tree of the same periods cost a walk through memory scattered over
 * the heap for every report recorded.
 */
final class RecordedPeriods {

    private Instant[] starts = new Instant[8];
    private Instant[] ends = new Instant[8];
    private int size;
    private Instant latestEnd;

    /** Whether {@code [start, end)} shares any instant with a recorded period. */
    boolean overlaps(Instant start, Instant end) {
        if (latestEnd == null || !start.isBefore(latestEnd)) {
            return false;
        }
        int floor = floorIndex(start);
        if (floor >= 0 && ends[floor].isAfter(start)) {
            return true;
        }
        int next = floor + 1;
        return next < size && starts[next].isBefore(end);
    }

    /** Adds a period that overlaps none recorded. */
    void add(Instant start, Instant end) {
        int at = size == 0 || !start.isBefore(starts[size - 1]) ? size : floorIndex(start) + 1;
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        System.arraycopy(starts, at, starts, at + 1, size - at);
        System.arraycopy(ends, at, ends, at + 1, size - at);
        starts[at] = start;
        ends[at] = end;
        size++;
        if (latestEnd == null || end.isAfter(latestEnd)) {
            latestEnd = end;
        }
    }

    /** The end of the latest recorded period, or null when none is. */
    Instant latestEnd() {
        return latestEnd;
    }

    /** The index of the last period starting at or before {@code instant}, or -1. */
    private int floorIndex(Instant instant) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (starts[mid].isAfter(instant)) {
                high = mid - 1;
            } else {
                low = mid + 1;
            }
        }
        return high;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordedPeriods that && Arrays.equals(starts, 0, size, that.starts, 0, that.size)
                && Arrays.equals(ends, 0, size, that.ends, 0, that.size);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(Arrays.copyOf(starts, size)) + Arrays.hashCode(Arrays.copyOf(ends, size));
    }
}
