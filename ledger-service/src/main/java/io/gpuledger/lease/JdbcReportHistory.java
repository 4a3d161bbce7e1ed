package io.gpuledger.lease;

import io.gpuledger.lease.UsageBook.RecordedReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The report ids of every lease in {@code lease_report_id} (V151), one row per accepted report with
 * the sequence number after which its event lies; a found id's report is read from that event, so
 * the event store stays the one source of a report's body and charges. Rows are written in the
 * request's transaction, beside the events: an id is in the table exactly when its event is stored.
 */
@Component
class JdbcReportHistory implements ReportHistory {

    private final JdbcTemplate jdbc;
    private final EventStore events;

    JdbcReportHistory(JdbcTemplate jdbc, EventStore events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Override
    public Map<String, Map<String, RecordedReport>> find(Map<String, List<String>> reportIdsByLease) {
        List<String> leaseKeys = new ArrayList<>();
        List<String> reportIds = new ArrayList<>();
        reportIdsByLease.forEach((leaseKey, ids) -> ids.forEach(id -> {
            leaseKeys.add(leaseKey);
            reportIds.add(id);
        }));
        if (reportIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<Long, Set<String>>> wanted = new HashMap<>();
        // A probe of the hash index per id, whatever the table's size: LIMIT keeps the planner from
        // turning the lookup into a join that could scan the table.
        jdbc.query(connection -> arrays(connection, """
                SELECT q.lease_key, q.report_id, r.after_sequence
                FROM unnest(?::text[], ?::text[]) AS q(lease_key, report_id)
                CROSS JOIN LATERAL (SELECT after_sequence FROM lease_report_id
                    WHERE id_hash = hashtextextended(q.lease_key || '/' || q.report_id, 0)
                      AND lease_key = q.lease_key AND report_id = q.report_id LIMIT 1) r
                """, leaseKeys, reportIds), rs -> {
            wanted.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                    .computeIfAbsent(rs.getLong(3), k -> new HashSet<>()).add(rs.getString(2));
        });
        Map<String, Map<String, RecordedReport>> found = new HashMap<>();
        wanted.forEach((leaseKey, bySequence) -> bySequence.forEach((afterSequence, ids) ->
                ReportsInEvents.read(events, leaseKey, afterSequence, ids,
                        found.computeIfAbsent(leaseKey, k -> new HashMap<>()))));
        return found;
    }

    @Override
    public void remember(List<Accepted> accepted) {
        List<String> leaseKeys = new ArrayList<>();
        List<String> reportIds = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        for (Accepted lease : accepted) {
            for (String id : lease.reportIds()) {
                leaseKeys.add(lease.leaseKey());
                reportIds.add(id);
                sequences.add(lease.afterSequence());
            }
        }
        if (reportIds.isEmpty()) {
            return;
        }
        // No unique key to check: another instance that recorded one of these ids since this one
        // loaded the lease appended at the same sequence, so this request's events fail on it, these
        // rows roll back with them, and the request is run again on the events as they now are.
        jdbc.update(connection -> {
            PreparedStatement statement = arrays(connection, """
                    INSERT INTO lease_report_id (id_hash, lease_key, report_id, after_sequence)
                    SELECT hashtextextended(l || '/' || r, 0), l, r, s
                    FROM unnest(?::text[], ?::text[], ?::bigint[]) AS q(l, r, s)
                    """, leaseKeys, reportIds);
            statement.setArray(3, connection.createArrayOf("bigint", sequences.toArray()));
            return statement;
        });
    }

    private static PreparedStatement arrays(Connection connection, String sql, List<String> first, List<String> second)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setArray(1, connection.createArrayOf("text", first.toArray()));
        statement.setArray(2, connection.createArrayOf("text", second.toArray()));
        return statement;
    }
}
