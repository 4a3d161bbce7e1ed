package io.gpuledger.lease;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The periods a lease's counting reports cover, coalesced into disjoint half-open intervals
 * {@code [start, end)}: two periods that touch become one interval. Meters report contiguous
 * periods, so a lease's history collapses to a handful of intervals however many reports it
 * recorded; a gap (a meter that was down) or a voided report leaves one interval more.
 */
final class PeriodSet {

    /** Interval start to interval end; intervals neither overlap nor touch. */
    private final TreeMap<Instant, Instant> intervals = new TreeMap<>();
    /** The last interval's end, or null: most reports start at or after it and are decided by it alone. */
    private Instant latestEnd;

    /** Whether {@code [start, end)} shares any instant with a recorded period. */
    boolean overlaps(Instant start, Instant end) {
        if (latestEnd == null || !start.isBefore(latestEnd)) {
            return false;
        }
        Map.Entry<Instant, Instant> floor = intervals.floorEntry(start);
        if (floor != null && start.isBefore(floor.getValue())) {
            return true;
        }
        Instant nextStart = intervals.higherKey(start);
        return nextStart != null && end.isAfter(nextStart);
    }

    /** Adds a period that overlaps none recorded, joining the intervals it touches. */
    void add(Instant start, Instant end) {
        if (start.equals(latestEnd)) {
            intervals.put(intervals.lastKey(), end);
            latestEnd = end;
            return;
        }
        Map.Entry<Instant, Instant> before = intervals.floorEntry(start);
        Instant from = start;
        if (before != null && before.getValue().equals(start)) {
            from = before.getKey();
        }
        Instant to = end;
        Instant after = intervals.get(end);
        if (after != null) {
            intervals.remove(end);
            to = after;
        }
        intervals.put(from, to);
        latestEnd = intervals.lastEntry().getValue();
    }

    /**
     * Removes a recorded period (a voided report's): it lies within one interval, which is cut
     * around it into at most two.
     */
    void remove(Instant start, Instant end) {
        Map.Entry<Instant, Instant> holder = intervals.floorEntry(start);
        if (holder == null || holder.getValue().isBefore(end)) {
            throw new IllegalStateException("[" + start + ", " + end + ") is not a recorded period");
        }
        intervals.remove(holder.getKey());
        if (holder.getKey().isBefore(start)) {
            intervals.put(holder.getKey(), start);
        }
        if (end.isBefore(holder.getValue())) {
            intervals.put(end, holder.getValue());
        }
        latestEnd = intervals.isEmpty() ? null : intervals.lastEntry().getValue();
    }

    /** The end of the latest recorded period, or null when none counts. */
    Instant latestEnd() {
        return latestEnd;
    }

    int intervalCount() {
        return intervals.size();
    }

    /** The intervals, start to end, in order: the stored form of a snapshot. */
    Map<Instant, Instant> intervals() {
        return Collections.unmodifiableMap(intervals);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeriodSet that && intervals.equals(that.intervals);
    }

    @Override
    public int hashCode() {
        return intervals.hashCode();
    }
}
