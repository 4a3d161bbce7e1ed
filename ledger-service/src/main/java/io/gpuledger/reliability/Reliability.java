package io.gpuledger.reliability;

import io.gpuledger.lease.api.SlaWindow;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A provider's SLA windows, lease by lease, read from the reliability view: the closed windows as
 * the leases closed them, the open ones measured from the lease's downtime up to now.
 */
@Component
class Reliability {

    private final JdbcTemplate jdbc;

    Reliability(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record LeaseReliability(String marketplaceId, String leaseId, int uptimeTargetBps, List<ReliabilityWindow> windows) {
    }

    record Downtime(Instant from, Instant to) {
    }

    private record SlaLease(String marketplaceId, String leaseId, int uptimeTargetBps, Instant startsAt, Instant leaseEnd,
                            Instant closedThrough) {
    }

    /**
     * The provider's leases with an SLA, of one marketplace or (null) of all, in marketplace and lease order
     * (by code point, as {@link String#compareTo} orders them, so the route's pages follow it).
     */
    List<LeaseReliability> ofProvider(String providerId, String marketplaceId, Instant now) {
        List<SlaLease> leases = jdbc.query("""
                SELECT marketplace_id, lease_id, uptime_target_bps, starts_at, ends_at, closed_at, closed_through
                FROM sla_lease WHERE provider_id = ? AND (?::text IS NULL OR marketplace_id = ?)
                ORDER BY marketplace_id COLLATE "C", lease_id COLLATE "C"
                """, (rs, i) -> new SlaLease(rs.getString(1), rs.getString(2), rs.getInt(3), instant(rs.getTimestamp(4)),
                SlaWindow.leaseEnd(instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6))),
                instant(rs.getTimestamp(7))), providerId, marketplaceId, marketplaceId);
        List<LeaseReliability> result = new ArrayList<>(leases.size());
        for (SlaLease lease : leases) {
            List<ReliabilityWindow> windows = new ArrayList<>(closedWindows(lease));
            windows.addAll(openWindows(lease.startsAt(), lease.leaseEnd(), lease.closedThrough(), downtime(lease), now));
            result.add(new LeaseReliability(lease.marketplaceId(), lease.leaseId(), lease.uptimeTargetBps(), windows));
        }
        return result;
    }

    /** The windows not closed yet, from the first up to the one {@code now} lies in, each measured up to {@code now}. */
    static List<ReliabilityWindow> openWindows(Instant startsAt, Instant leaseEnd, Instant closedThrough,
                                               List<Downtime> downtime, Instant now) {
        List<ReliabilityWindow> windows = new ArrayList<>();
        SlaWindow window = SlaWindow.firstOpen(startsAt, leaseEnd, closedThrough);
        while (window != null && window.start().isBefore(now)) {
            SlaWindow measured = new SlaWindow(window.month(), window.start(), window.end().isAfter(now) ? now : window.end());
            long down = 0;
            for (Downtime period : downtime) {
                down += measured.secondsOf(period.from(), period.to());
            }
            long active = measured.activeSeconds();
            windows.add(new ReliabilityWindow(window.name(), window.start(), window.end(), "OPEN", active, down,
                    SlaWindow.uptimeBps(active, down), null, null));
            window = SlaWindow.firstOpen(startsAt, leaseEnd, window.end());
        }
        return windows;
    }

    /** floor(10000 × Σ(active − down) / Σ active) over the windows; null without active seconds. */
    static Integer averageUptimeBps(List<LeaseReliability> leases) {
        long active = 0;
        long down = 0;
        for (LeaseReliability lease : leases) {
            for (ReliabilityWindow window : lease.windows()) {
                active += window.activeSeconds();
                down += window.downSeconds();
            }
        }
        return active == 0 ? null : SlaWindow.uptimeBps(active, down);
    }

    private List<ReliabilityWindow> closedWindows(SlaLease lease) {
        return jdbc.query("""
                SELECT window_month, window_start, window_end, active_seconds, down_seconds, uptime_bps, credit_bps,
                    credit_units FROM sla_window WHERE marketplace_id = ? AND lease_id = ? ORDER BY window_month
                """, (rs, i) -> new ReliabilityWindow(rs.getString(1), instant(rs.getTimestamp(2)),
                instant(rs.getTimestamp(3)), "CLOSED", rs.getLong(4), rs.getLong(5), rs.getInt(6), rs.getInt(7),
                rs.getBigDecimal(8).toBigIntegerExact()), lease.marketplaceId(), lease.leaseId());
    }

    private List<Downtime> downtime(SlaLease lease) {
        return jdbc.query("SELECT down_from, down_to FROM sla_downtime WHERE marketplace_id = ? AND lease_id = ?",
                (rs, i) -> new Downtime(instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2))),
                lease.marketplaceId(), lease.leaseId());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
