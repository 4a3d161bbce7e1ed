package io.gpuledger.billing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** A tenant's accounts over a window, one per marketplace, read from tenant_movement by when each movement was recorded. */
@Component
class TenantAccountLines {

    private static final String IN_WINDOW = "(w.since IS NULL OR m.recorded_at >= w.since) AND (w.until IS NULL OR m.recorded_at < w.until)";
    private static final String QUERY = """
            SELECT m.marketplace_id, m.tenant_id,
                   COALESCE(SUM(m.deposits_units + m.credits_units - m.charges_units) FILTER (WHERE m.recorded_at < w.since), 0)
                       AS opening_balance,
                   COALESCE(SUM(m.deposits_units) FILTER (WHERE %1$s), 0) AS deposits,
                   COALESCE(SUM(m.credits_units) FILTER (WHERE %1$s), 0) AS credits,
                   COALESCE(SUM(m.charges_units) FILTER (WHERE %1$s), 0) AS charges,
                   COALESCE(SUM(m.held_units) FILTER (WHERE %1$s), 0) AS held,
                   COALESCE(SUM(m.released_units) FILTER (WHERE %1$s), 0) AS released
            FROM tenant_movement m
            CROSS JOIN (SELECT CAST(:from AS timestamptz) AS since, CAST(:to AS timestamptz) AS until) w
            WHERE m.tenant_id = :tenant %2$s
            GROUP BY m.marketplace_id, m.tenant_id
            ORDER BY m.marketplace_id
            """;

    private final NamedParameterJdbcTemplate jdbc;

    TenantAccountLines(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    /** @param marketplaceId one marketplace's account, or null for the tenant's accounts in every marketplace */
    List<TenantAccountLine> of(String tenantId, String marketplaceId, MapSqlParameterSource window) {
        MapSqlParameterSource parameters = window.addValue("tenant", tenantId).addValue("marketplace", marketplaceId);
        String marketplace = marketplaceId == null ? "" : "AND m.marketplace_id = :marketplace";
        return jdbc.query(QUERY.formatted(IN_WINDOW, marketplace), parameters, TenantAccountLines::line);
    }

    private static TenantAccountLine line(ResultSet rs, int row) throws SQLException {
        return new TenantAccountLine(rs.getString("marketplace_id"), rs.getString("tenant_id"),
                Statements.integer(rs, "opening_balance"), Statements.integer(rs, "deposits"),
                Statements.integer(rs, "credits"), Statements.integer(rs, "charges"), Statements.integer(rs, "held"),
                Statements.integer(rs, "released"));
    }
}
