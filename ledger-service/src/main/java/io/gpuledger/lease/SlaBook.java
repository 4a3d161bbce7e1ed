package io.gpuledger.lease;

import static io.gpuledger.common.RejectionCode.DOWNTIME_OUTSIDE_LEASE;
import static io.gpuledger.common.RejectionCode.DOWNTIME_OVERLAP;
import static io.gpuledger.common.RejectionCode.SLA_WINDOW_CLOSED;
import static io.gpuledger.common.RejectionCode.VALIDATION_FAILED;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.MoneyRule;
import io.gpuledger.lease.api.DowntimeReportedEvent;
import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.ReportDowntimeCommand;
import io.gpuledger.lease.api.Sla;
import io.gpuledger.lease.api.SlaWindow;
import io.gpuledger.lease.api.SlaWindowClosedEvent;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageVoidedEvent;
import java.math.BigInteger;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * What a lease with an SLA knows of its windows: its downtime reports, the usage value of its
 * unvoided reports by the month of their periodStart (for the windows' charges), and the windows
 * closed so far. A member of the lease aggregate with event-sourcing handlers of its own, like
 * {@link UsageDisputes}; a lease without an SLA keeps nothing here.
 */
public class SlaBook {

    private Sla sla;
    private Instant startsAt;
    private Instant endsAt;
    private Instant closedAt;
    private final Map<String, DowntimeReportedEvent> downtime = new HashMap<>();
    /** Downtime periods by their start: they never overlap. */
    private final TreeMap<Instant, Instant> downPeriods = new TreeMap<>();
    private final TreeMap<YearMonth, BigInteger> usageValueByMonth = new TreeMap<>();
    private Instant latestDowntimeEnd;
    private SlaWindowClosedEvent lastClosed;

    boolean agreed() {
        return sla != null;
    }

    Sla sla() {
        return sla;
    }

    DowntimeReportedEvent downtime(String reportId) {
        return downtime.get(reportId);
    }

    /** The first rule a downtime report breaks, or null when it may be recorded. */
    LedgerRejection check(ReportDowntimeCommand command) {
        Instant from = command.from();
        Instant to = command.to();
        if (!from.isBefore(to)) {
            return new LedgerRejection(VALIDATION_FAILED, "to", "to must be after from");
        }
        Instant leaseEnd = leaseEnd();
        if (from.isBefore(startsAt) || (leaseEnd != null && to.isAfter(leaseEnd))) {
            return new LedgerRejection(DOWNTIME_OUTSIDE_LEASE, from.isBefore(startsAt) ? "from" : "to",
                    "downtime must lie within the lease's active time, from " + startsAt
                            + (leaseEnd == null ? "" : " to " + leaseEnd));
        }
        if (lastClosed != null && from.isBefore(lastClosed.windowEnd())) {
            return new LedgerRejection(SLA_WINDOW_CLOSED, "from", "the SLA window " + lastClosed.window()
                    + " ending " + lastClosed.windowEnd() + " was closed and credited; its downtime is final");
        }
        Map.Entry<Instant, Instant> before = downPeriods.lowerEntry(to);
        if (before != null && before.getValue().isAfter(from)) {
            return new LedgerRejection(DOWNTIME_OVERLAP, "from",
                    "the period overlaps downtime already reported for this lease");
        }
        return null;
    }

    /** The latest moment a close may not precede: the end of reported downtime and of closed windows; null for none. */
    Instant latestFixedMoment() {
        if (lastClosed != null && (latestDowntimeEnd == null || lastClosed.windowEnd().isAfter(latestDowntimeEnd))) {
            return lastClosed.windowEnd();
        }
        return latestDowntimeEnd;
    }

    Instant latestDowntimeEnd() {
        return latestDowntimeEnd;
    }

    SlaWindowClosedEvent lastClosed() {
        return lastClosed;
    }

    /** The windows not closed yet that ended at or before {@code accrueThrough}, oldest first. */
    List<SlaWindow> dueWindows(Instant accrueThrough) {
        List<SlaWindow> due = new ArrayList<>();
        Instant leaseEnd = leaseEnd();
        YearMonth month = lastClosed == null ? SlaWindow.monthOf(startsAt)
                : YearMonth.parse(lastClosed.window()).plusMonths(1);
        while (leaseEnd == null || SlaWindow.monthStart(month).isBefore(leaseEnd)) {
            SlaWindow window = SlaWindow.of(month, startsAt, leaseEnd);
            if (window.end().isAfter(accrueThrough)) {
                break;
            }
            due.add(window);
            month = month.plusMonths(1);
        }
        return due;
    }

    long downSecondsIn(SlaWindow window) {
        long seconds = 0;
        Map.Entry<Instant, Instant> first = downPeriods.lowerEntry(window.start());
        Instant from = first != null ? first.getKey() : window.start();
        for (Map.Entry<Instant, Instant> period : downPeriods.tailMap(from, true).entrySet()) {
            if (!period.getKey().isBefore(window.end())) {
                break;
            }
            seconds += window.secondsOf(period.getKey(), period.getValue());
        }
        return seconds;
    }

    /**
     * The window's charges: the charges of the lease's unvoided usage whose periodStart lies in the
     * window's month, as the difference of the cumulative charges (each floored once) of the usage
     * starting before the month's end and before its start (docs/MONEY.md, "SLA credits").
     */
    BigInteger windowChargedUnits(SlaWindow window, BigInteger denominator) {
        BigInteger before = BigInteger.ZERO;
        for (BigInteger value : usageValueByMonth.headMap(window.month()).values()) {
            before = before.add(value);
        }
        BigInteger through = before.add(usageValueByMonth.getOrDefault(window.month(), BigInteger.ZERO));
        return MoneyRule.charges(through, denominator, 0).chargedUnits()
                .subtract(MoneyRule.charges(before, denominator, 0).chargedUnits());
    }

    private Instant leaseEnd() {
        return SlaWindow.leaseEnd(endsAt, closedAt);
    }

    @EventSourcingHandler
    void on(LeaseOpenedEvent event) {
        sla = event.sla();
        startsAt = event.startsAt();
        endsAt = event.endsAt();
    }

    @EventSourcingHandler
    void on(LeaseClosedEvent event) {
        closedAt = event.closedAt();
    }

    @EventSourcingHandler
    void on(UsageRecordedEvent event) {
        if (sla == null) {
            return;
        }
        for (RecordedUsage report : event.reports()) {
            usageValueByMonth.merge(SlaWindow.monthOf(report.periodStart()),
                    MoneyRule.reportValue(report.gpuSeconds(), report.priceUnitsPerGpuHour(), report.energyWh(),
                            report.energyUnitsPerKwh()), BigInteger::add);
        }
    }

    @EventSourcingHandler
    void on(UsageVoidedEvent event) {
        if (sla == null) {
            return;
        }
        usageValueByMonth.merge(SlaWindow.monthOf(event.periodStart()),
                MoneyRule.reportValue(event.gpuSeconds(), event.priceUnitsPerGpuHour(), event.energyWh(),
                        event.energyUnitsPerKwh()).negate(), BigInteger::add);
    }

    @EventSourcingHandler
    void on(DowntimeReportedEvent event) {
        downtime.put(event.reportId(), event);
        downPeriods.put(event.from(), event.to());
        if (latestDowntimeEnd == null || event.to().isAfter(latestDowntimeEnd)) {
            latestDowntimeEnd = event.to();
        }
    }

    @EventSourcingHandler
    void on(SlaWindowClosedEvent event) {
        lastClosed = event;
    }
}
