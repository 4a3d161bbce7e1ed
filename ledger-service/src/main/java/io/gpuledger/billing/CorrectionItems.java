package io.gpuledger.billing;

import io.gpuledger.common.Charges;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The voids and adjustments a statement window holds, one item each, by lease: placed as the window's
 * amounts place them (a void at its report's periodStart, an adjustment at when it was recorded), in
 * the order they fall there.
 */
@Component
class CorrectionItems {

    private static final String QUERY = """
            SELECT k.lease_ref, k.correction, k.correction_id, k.adjustment_kind, k.reason, k.recorded_at,
                   k.placed_at, k.period_end, k.gpu_seconds, k.adjustment_units, k.charged_units, k.fee_units,
                   k.provider_units
            FROM lease_correction k
            JOIN lease_view l ON l.lease_ref = k.lease_ref
            CROSS JOIN (SELECT CAST(:from AS timestamptz) AS since, CAST(:to AS timestamptz) AS until) w
            WHERE (w.since IS NULL OR k.placed_at >= w.since) AND (w.until IS NULL OR k.placed_at < w.until)
              AND %s
            ORDER BY k.lease_ref, k.placed_at, k.sequence_number
            """;

    private final NamedParameterJdbcTemplate jdbc;

    CorrectionItems(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    /** By lease_ref, the corrections of the leases {@code where} selects (over lease_view l) in the window. */
    Map<Long, List<StatementCorrection>> of(String where, MapSqlParameterSource parameters) {
        Map<Long, List<StatementCorrection>> byLease = new HashMap<>();
        RowCallbackHandler add = rs -> byLease.computeIfAbsent(rs.getLong("lease_ref"), ref -> new ArrayList<>())
                .add(item(rs));
        jdbc.query(QUERY.formatted(where), parameters, add);
        return byLease;
    }

    private static StatementCorrection item(ResultSet rs) throws SQLException {
        Charges charges = new Charges(Statements.integer(rs, "charged_units"), Statements.integer(rs, "fee_units"),
                Statements.integer(rs, "provider_units"));
        if (StatementCorrection.VOID.equals(rs.getString("correction"))) {
            return new StatementCorrection(StatementCorrection.VOID, rs.getString("correction_id"), null,
                    rs.getString("reason"), instant(rs, "recorded_at"), instant(rs, "placed_at"),
                    instant(rs, "period_end"), -rs.getLong("gpu_seconds"), null, charges);
        }
        return new StatementCorrection(rs.getString("correction"), rs.getString("correction_id"),
                rs.getString("adjustment_kind"), rs.getString("reason"), instant(rs, "recorded_at"), null, null, 0,
                Statements.integer(rs, "adjustment_units").abs(), charges);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
