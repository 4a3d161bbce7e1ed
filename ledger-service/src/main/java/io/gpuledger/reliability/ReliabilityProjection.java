package io.gpuledger.reliability;

import io.gpuledger.lease.api.DowntimeReportedEvent;
import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.SlaWindow;
import io.gpuledger.lease.api.SlaWindowClosedEvent;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps sla_lease, sla_downtime and sla_window from the events of leases with an SLA, in the billing
 * processor (so one reset rebuilds it with the statements). Inserts fail on their keys when an
 * event is applied twice; the updates set values, which a second application sets again.
 */
@Component
@ProcessingGroup("billing")
class ReliabilityProjection {

    private final JdbcTemplate jdbc;

    ReliabilityProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LeaseOpenedEvent e) {
        if (e.sla() == null) {
            return;
        }
        SlaWindow first = SlaWindow.firstOpen(e.startsAt(), e.endsAt(), null);
        jdbc.update("""
                INSERT INTO sla_lease (marketplace_id, lease_id, provider_id, starts_at, ends_at, uptime_target_bps,
                    next_window_end) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, e.marketplaceId(), e.leaseId(), e.providerId(), ts(e.startsAt()), ts(e.endsAt()),
                e.sla().uptimeTargetBps(), ts(first == null ? null : first.end()));
    }

    @EventHandler
    void on(LeaseClosedEvent e) {
        List<Lease> leases = jdbc.query("SELECT starts_at, ends_at, closed_through FROM sla_lease "
                        + "WHERE marketplace_id = ? AND lease_id = ?",
                (rs, i) -> new Lease(rs.getTimestamp(1).toInstant(), instant(rs.getTimestamp(2)),
                        instant(rs.getTimestamp(3))), e.marketplaceId(), e.leaseId());
        if (leases.isEmpty()) {
            return;
        }
        Lease lease = leases.get(0);
        SlaWindow next = SlaWindow.firstOpen(lease.startsAt(), SlaWindow.leaseEnd(lease.endsAt(), e.closedAt()),
                lease.closedThrough());
        jdbc.update("UPDATE sla_lease SET closed_at = ?, next_window_end = ? WHERE marketplace_id = ? AND lease_id = ?",
                ts(e.closedAt()), ts(next == null ? null : next.end()), e.marketplaceId(), e.leaseId());
    }

    @EventHandler
    void on(DowntimeReportedEvent e) {
        jdbc.update("INSERT INTO sla_downtime (marketplace_id, lease_id, report_id, down_from, down_to) VALUES (?, ?, ?, ?, ?)",
                e.marketplaceId(), e.leaseId(), e.reportId(), ts(e.from()), ts(e.to()));
    }

    @EventHandler
    void on(SlaWindowClosedEvent e) {
        jdbc.update("""
                INSERT INTO sla_window (marketplace_id, lease_id, window_month, window_start, window_end, active_seconds,
                    down_seconds, uptime_bps, credit_bps, window_charged_units, credit_units)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, e.marketplaceId(), e.leaseId(), e.window(), ts(e.windowStart()), ts(e.windowEnd()),
                e.activeSeconds(), e.downSeconds(), e.uptimeBps(), e.creditBps(),
                new BigDecimal(e.windowChargedUnits()), new BigDecimal(e.creditUnits()));
        List<Lease> leases = jdbc.query("SELECT starts_at, ends_at, closed_at FROM sla_lease "
                        + "WHERE marketplace_id = ? AND lease_id = ?",
                (rs, i) -> new Lease(rs.getTimestamp(1).toInstant(), SlaWindow.leaseEnd(instant(rs.getTimestamp(2)),
                        instant(rs.getTimestamp(3))), null), e.marketplaceId(), e.leaseId());
        Lease lease = leases.get(0);
        SlaWindow next = SlaWindow.firstOpen(lease.startsAt(), lease.endsAt(), e.windowEnd());
        jdbc.update("UPDATE sla_lease SET closed_through = ?, next_window_end = ? WHERE marketplace_id = ? AND lease_id = ?",
                ts(e.windowEnd()), ts(next == null ? null : next.end()), e.marketplaceId(), e.leaseId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE sla_lease, sla_downtime, sla_window");
    }

    private record Lease(Instant startsAt, Instant endsAt, Instant closedThrough) {
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
