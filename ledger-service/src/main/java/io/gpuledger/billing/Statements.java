package io.gpuledger.billing;

import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.lease.api.CapacityPricing;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Statements over a window [from, to). Each amount of a lease's line is a difference of its cumulative
 * charges at the window's two edges (the money rule; {@link WindowEdge}), so consecutive windows add
 * up to the lease's totals to the unit. SLA credits (adjustments with reason SLA_CREDIT) are a part of
 * their own, apart from the other adjustments. A lease's usage and corrections are read through the primary
 * keys' lease_ref prefix; the corrections in the window are itemized besides ({@link CorrectionItems}).
 */
@Component
public class Statements {

    private static final String QUERY = """
            SELECT l.lease_ref, l.marketplace_id, l.lease_id, l.provider_id, l.tenant_id, l.gpu_model, l.marketplace_fee_bps,
                   l.pricing_kind, l.value_denominator, u.value_before, u.value_until, u.gpu_seconds,
                   a.fee_before, a.fee_until,
                   c.voided_before, c.voided_until, c.voided_gpu_seconds, c.adjusted_before, c.adjusted_until,
                   c.sla_before, c.sla_until
            FROM lease_view l
            CROSS JOIN (SELECT CAST(:from AS timestamptz) AS since, CAST(:to AS timestamptz) AS until) w
            CROSS JOIN LATERAL (
                SELECT COALESCE(SUM(r.usage_value) FILTER (WHERE r.period_start < w.since), 0) AS value_before,
                       COALESCE(SUM(r.usage_value) FILTER (WHERE w.until IS NULL OR r.period_start < w.until), 0) AS value_until,
                       COALESCE(SUM(r.gpu_seconds) FILTER (WHERE (w.since IS NULL OR r.period_start >= w.since)
                                                          AND (w.until IS NULL OR r.period_start < w.until)), 0) AS gpu_seconds
                FROM usage_event_lines e,
                     unnest(e.period_starts, e.gpu_seconds, e.usage_values) AS r (period_start, gpu_seconds, usage_value)
                WHERE e.lease_ref = l.lease_ref) u
            CROSS JOIN LATERAL (
                SELECT COALESCE(SUM(k.usage_value) FILTER (WHERE k.placed_at < w.since), 0) AS voided_before,
                       COALESCE(SUM(k.usage_value) FILTER (WHERE w.until IS NULL OR k.placed_at < w.until), 0) AS voided_until,
                       COALESCE(SUM(k.gpu_seconds) FILTER (WHERE (w.since IS NULL OR k.placed_at >= w.since)
                                                          AND (w.until IS NULL OR k.placed_at < w.until)), 0) AS voided_gpu_seconds,
                       COALESCE(SUM(k.adjustment_units) FILTER (WHERE k.placed_at < w.since AND NOT k.sla), 0) AS adjusted_before,
                       COALESCE(SUM(k.adjustment_units) FILTER (WHERE (w.until IS NULL OR k.placed_at < w.until) AND NOT k.sla), 0) AS adjusted_until,
                       COALESCE(SUM(k.adjustment_units) FILTER (WHERE k.placed_at < w.since AND k.sla), 0) AS sla_before,
                       COALESCE(SUM(k.adjustment_units) FILTER (WHERE (w.until IS NULL OR k.placed_at < w.until) AND k.sla), 0) AS sla_until
                FROM (SELECT *, correction = 'ADJUSTMENT' AND reason = 'SLA_CREDIT' AS sla FROM lease_correction) k
                WHERE k.lease_ref = l.lease_ref) c
            CROSS JOIN LATERAL (
                SELECT COALESCE(SUM(f.fee_value) FILTER (WHERE f.accrued_from < w.since), 0) AS fee_before,
                       COALESCE(SUM(f.fee_value) FILTER (WHERE w.until IS NULL OR f.accrued_from < w.until), 0) AS fee_until
                FROM capacity_fee_line f
                WHERE f.lease_ref = l.lease_ref) a
            WHERE %s
            ORDER BY l.marketplace_id, l.lease_id
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final TenantAccountLines accounts;
    private final CorrectionItems corrections;

    public Statements(JdbcTemplate jdbc, TenantAccountLines accounts, CorrectionItems corrections) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.accounts = accounts;
        this.corrections = corrections;
    }

    /** @param marketplaceId restricts to one marketplace's leases, or null for all (auditors) */
    public Statement forProvider(String providerId, String marketplaceId, Instant from, Instant to) {
        return new Statement("PROVIDER", providerId, from, to,
                lines("l.provider_id = :subject", providerId, marketplaceId, from, to), null);
    }

    public Statement forTenant(String tenantId, String marketplaceId, Instant from, Instant to) {
        List<StatementLine> lines = lines("l.tenant_id = :subject", tenantId, marketplaceId, from, to);
        return new Statement("TENANT", tenantId, from, to, lines, accounts.of(tenantId, marketplaceId, window(from, to)));
    }

    public Statement forMarketplace(String marketplaceId, Instant from, Instant to) {
        return new Statement("MARKETPLACE", marketplaceId, from, to,
                lines("l.marketplace_id = :subject", marketplaceId, null, from, to), null);
    }

    private List<StatementLine> lines(String condition, String subjectId, String marketplaceId, Instant from,
                                      Instant to) {
        MapSqlParameterSource parameters = window(from, to).addValue("subject", subjectId);
        String where = condition;
        if (marketplaceId != null) {
            where += " AND l.marketplace_id = :marketplace";
            parameters.addValue("marketplace", marketplaceId);
        }
        Map<Long, List<StatementCorrection>> items = corrections.of(where, parameters);
        return jdbc.query(QUERY.formatted(where), parameters,
                (rs, row) -> line(rs, items.getOrDefault(rs.getLong("lease_ref"), List.of())));
    }

    private static StatementLine line(ResultSet rs, List<StatementCorrection> corrections) throws SQLException {
        BigInteger denominator = BigInteger.valueOf(rs.getLong("value_denominator"));
        WindowEdge from = new WindowEdge(integer(rs, "value_before"), integer(rs, "fee_before"),
                integer(rs, "voided_before"), integer(rs, "adjusted_before"), integer(rs, "sla_before"), denominator);
        WindowEdge to = new WindowEdge(integer(rs, "value_until"), integer(rs, "fee_until"), integer(rs, "voided_until"),
                integer(rs, "adjusted_until"), integer(rs, "sla_until"), denominator);
        return StatementLine.of(rs.getString("marketplace_id"), rs.getString("lease_id"), rs.getString("provider_id"),
                rs.getString("tenant_id"), rs.getString("gpu_model"), rs.getInt("marketplace_fee_bps"),
                rs.getLong("gpu_seconds"), rs.getLong("voided_gpu_seconds"), from, to, corrections,
                CapacityPricing.KIND.equals(rs.getString("pricing_kind")));
    }

    /** The window's edges as parameters :from and :to; an open edge is a null timestamp. */
    static MapSqlParameterSource window(Instant from, Instant to) {
        if (from != null && to != null && to.isBefore(from)) {
            // A reversed window would subtract a later cumulative from an earlier one: negative amounts.
            throw new InvalidRequest(RejectionCode.VALIDATION_FAILED,
                    List.of(new FieldProblem("to", "must not be before from")));
        }
        return new MapSqlParameterSource()
                .addValue("from", from == null ? null : Timestamp.from(from))
                .addValue("to", to == null ? null : Timestamp.from(to));
    }

    static BigInteger integer(ResultSet rs, String column) throws SQLException {
        return rs.getBigDecimal(column).toBigIntegerExact();
    }
}
