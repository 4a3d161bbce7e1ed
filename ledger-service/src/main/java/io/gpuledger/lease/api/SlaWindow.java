package io.gpuledger.lease.api;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * One SLA window of a lease: the lease's active time in one UTC calendar month, from
 * max(startsAt, month start) to min(month end, closedAt or endsAt).
 */
public record SlaWindow(YearMonth month, Instant start, Instant end) {

    public static YearMonth monthOf(Instant moment) {
        return YearMonth.from(moment.atOffset(ZoneOffset.UTC));
    }

    public static Instant monthStart(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The window of {@code month} for a lease active from {@code leaseStart} to {@code leaseEnd} (null: open-ended). */
    public static SlaWindow of(YearMonth month, Instant leaseStart, Instant leaseEnd) {
        Instant start = latest(monthStart(month), leaseStart);
        Instant monthEnd = monthStart(month.plusMonths(1));
        Instant end = leaseEnd == null || monthEnd.isBefore(leaseEnd) ? monthEnd : leaseEnd;
        return new SlaWindow(month, start, end);
    }

    /**
     * The first window not closed of a lease active from {@code leaseStart} to {@code leaseEnd} (null:
     * open-ended) whose windows are closed up to {@code closedThrough} (null: none is); null when
     * every window is closed.
     */
    public static SlaWindow firstOpen(Instant leaseStart, Instant leaseEnd, Instant closedThrough) {
        Instant from = closedThrough == null ? leaseStart : closedThrough;
        if (leaseEnd != null && !from.isBefore(leaseEnd)) {
            return null;
        }
        return of(monthOf(from), leaseStart, leaseEnd);
    }

    /** The end of a lease's active time: the earlier of {@code endsAt} and {@code closedAt}; null when neither is set. */
    public static Instant leaseEnd(Instant endsAt, Instant closedAt) {
        if (endsAt == null) {
            return closedAt;
        }
        return closedAt == null || endsAt.isBefore(closedAt) ? endsAt : closedAt;
    }

    /** The window's name, its month: {@code 2026-11}. */
    public String name() {
        return month.toString();
    }

    /** Whole seconds of the window (a fraction of a second at either edge is not counted). */
    public long activeSeconds() {
        return end.isAfter(start) ? Duration.between(start, end).getSeconds() : 0;
    }

    /** Whole seconds of [from, to) that lie in the window. */
    public long secondsOf(Instant from, Instant to) {
        Instant a = latest(from, start);
        Instant b = to.isBefore(end) ? to : end;
        return b.isAfter(a) ? Duration.between(a, b).getSeconds() : 0;
    }

    /** floor(10000 × (active − down) / active); 10000 for a window without active seconds. */
    public static int uptimeBps(long activeSeconds, long downSeconds) {
        if (activeSeconds <= 0) {
            return 10_000;
        }
        return (int) Math.floorDiv(10_000L * (activeSeconds - downSeconds), activeSeconds);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
