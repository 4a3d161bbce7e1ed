package io.gpuledger.billing;

import io.gpuledger.common.Charges;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.MoneyRule;
import io.gpuledger.common.RejectionCode;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Statements over a period. A lease's charges for [from, to) are its cumulative charges over usage
 * starting before {@code to}, less those over usage starting before {@code from} (the money rule),
 * so consecutive periods add up to the lease's totals to the unit.
 */
@Component
public class Statements {

    private static final String QUERY = """
            SELECT l.marketplace_id, l.lease_id, l.provider_id, l.tenant_id, l.gpu_model, l.marketplace_fee_bps,
                   COALESCE(SUM(r.usage_value) FILTER (WHERE r.period_start < CAST(? AS timestamptz)), 0) AS value_before,
                   COALESCE(SUM(r.usage_value) FILTER (WHERE CAST(? AS timestamptz) IS NULL
                                                       OR r.period_start < CAST(? AS timestamptz)), 0) AS value_until,
                   COALESCE(SUM(r.gpu_seconds) FILTER (WHERE (CAST(? AS timestamptz) IS NULL OR r.period_start >= CAST(? AS timestamptz))
                                                      AND (CAST(? AS timestamptz) IS NULL OR r.period_start < CAST(? AS timestamptz))), 0) AS gpu_seconds
            FROM lease_view l
            LEFT JOIN usage_event_lines u ON u.lease_ref = l.lease_ref
            LEFT JOIN LATERAL unnest(u.period_starts, u.gpu_seconds, u.usage_values)
                AS r (period_start, gpu_seconds, usage_value) ON true
            WHERE %s
            GROUP BY l.marketplace_id, l.lease_id
            ORDER BY l.marketplace_id, l.lease_id
            """;

    private final JdbcTemplate jdbc;

    public Statements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param marketplaceId restricts to one marketplace's leases, or null for all (auditors) */
    public Statement forProvider(String providerId, String marketplaceId, Instant from, Instant to) {
        return query("PROVIDER", providerId, "l.provider_id = ?", marketplaceId, from, to);
    }

    public Statement forTenant(String tenantId, String marketplaceId, Instant from, Instant to) {
        return query("TENANT", tenantId, "l.tenant_id = ?", marketplaceId, from, to);
    }

    public Statement forMarketplace(String marketplaceId, Instant from, Instant to) {
        return query("MARKETPLACE", marketplaceId, "l.marketplace_id = ?", null, from, to);
    }

    private Statement query(String kind, String subjectId, String condition, String marketplaceId, Instant from,
                            Instant to) {
        if (from != null && to != null && to.isBefore(from)) {
            // A reversed window would subtract a later cumulative from an earlier one: negative amounts.
            throw new InvalidRequest(RejectionCode.VALIDATION_FAILED,
                    List.of(new FieldProblem("to", "must not be before from")));
        }
        Timestamp f = from == null ? null : Timestamp.from(from);
        Timestamp t = to == null ? null : Timestamp.from(to);
        // Arrays.asList, not List.of: an open end of the window is a null parameter.
        List<Object> args = new ArrayList<>(Arrays.asList(f, t, t, f, f, t, t));
        args.add(subjectId);
        String where = condition;
        if (marketplaceId != null) {
            where += " AND l.marketplace_id = ?";
            args.add(marketplaceId);
        }
        List<StatementLine> lines = jdbc.query(QUERY.formatted(where), (rs, i) -> {
            int feeBps = rs.getInt("marketplace_fee_bps");
            BigInteger before = rs.getBigDecimal("value_before").toBigIntegerExact();
            BigInteger until = rs.getBigDecimal("value_until").toBigIntegerExact();
            Charges slice = MoneyRule.charges(until, feeBps).minus(MoneyRule.charges(before, feeBps));
            return new StatementLine(rs.getString("marketplace_id"), rs.getString("lease_id"),
                    rs.getString("provider_id"), rs.getString("tenant_id"), rs.getString("gpu_model"),
                    rs.getLong("gpu_seconds"), slice);
        }, args.toArray());
        return new Statement(kind, subjectId, from, to, lines);
    }
}
