package io.gpuledger.lease.view;

import io.gpuledger.auth.Caller;
import io.gpuledger.auth.Role;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.lease.api.CapacityPricing;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads leases from lease_view, only ever those the caller may see. */
@Component
public class LeaseViews {

    static final String COLUMNS = """
            marketplace_id, lease_id, provider_id, provider_payout_address, tenant_id, gpu_model, gpu_count,
            price_units_per_gpu_hour, marketplace_fee_bps, starts_at, ends_at, state, closed_at, close_reason,
            gpu_seconds_recorded, usage_value, billing, adjustment_units, meter_signer, tenant_signer,
            dispute_window_seconds, pricing_kind, capacity_kw, fee_units_per_hour, energy_units_per_kwh,
            energy_wh_recorded, capacity_fee_value, fee_accrued_through, sla::text AS sla""";

    private final JdbcTemplate jdbc;

    public LeaseViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A marketplace finds its own lease; auditors and operators name the marketplace, or may leave it
     * out while the lease id is unique across marketplaces.
     */
    public LeaseView find(Caller caller, String leaseId, String marketplaceId) {
        String owner = caller.role() == Role.MARKETPLACE ? caller.marketplaceId() : marketplaceId;
        List<LeaseView> found = owner == null
                ? jdbc.query("SELECT " + COLUMNS + " FROM lease_view WHERE lease_id = ? LIMIT 2", LeaseViews::map, leaseId)
                : jdbc.query("SELECT " + COLUMNS + " FROM lease_view WHERE marketplace_id = ? AND lease_id = ?",
                        LeaseViews::map, owner, leaseId);
        if (found.isEmpty()) {
            throw new LedgerRejection(RejectionCode.LEASE_NOT_FOUND, "no lease " + leaseId + " for this caller");
        }
        if (found.size() > 1) {
            throw new LedgerRejection(RejectionCode.AMBIGUOUS_LEASE_ID, "marketplaceId",
                    "several marketplaces hold a lease " + leaseId + "; name one with ?marketplaceId=");
        }
        return found.get(0);
    }

    /** Which leases a list shows: a marketplace's (all when null), in a state, of a provider, of a tenant. */
    public record Filter(String marketplaceId, String state, String providerId, String tenantId) {
    }

    /** A lease of a list, with its number: the list's order, unique and never changed. */
    public record Listed(long leaseRef, LeaseView lease) {
    }

    /** The leases the filter selects with a number above {@code afterRef}, in number order, at most {@code limit}. */
    public List<Listed> list(Filter filter, long afterRef, int limit) {
        StringBuilder sql = new StringBuilder("SELECT lease_ref, " + COLUMNS + " FROM lease_view WHERE lease_ref > ?");
        List<Object> args = new ArrayList<>(List.of(afterRef));
        where(sql, args, "marketplace_id", filter.marketplaceId());
        where(sql, args, "state", filter.state());
        where(sql, args, "provider_id", filter.providerId());
        where(sql, args, "tenant_id", filter.tenantId());
        sql.append(" ORDER BY lease_ref LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, row) -> new Listed(rs.getLong("lease_ref"), map(rs, row)),
                args.toArray());
    }

    private static void where(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    /** The payout addresses of the marketplace's leases, lower-case. */
    public Set<String> payoutAddresses(String marketplaceId) {
        return new HashSet<>(jdbc.queryForList(
                "SELECT DISTINCT lower(provider_payout_address) FROM lease_view WHERE marketplace_id = ?",
                String.class, marketplaceId));
    }

    static LeaseView map(ResultSet rs, int row) throws SQLException {
        return new LeaseView(rs.getString("marketplace_id"), rs.getString("lease_id"), rs.getString("provider_id"),
                rs.getString("provider_payout_address"), rs.getString("tenant_id"), rs.getString("gpu_model"),
                rs.getInt("gpu_count"), integer(rs.getBigDecimal("price_units_per_gpu_hour")),
                rs.getInt("marketplace_fee_bps"), instant(rs.getTimestamp("starts_at")),
                instant(rs.getTimestamp("ends_at")), rs.getString("state"), instant(rs.getTimestamp("closed_at")),
                rs.getString("close_reason"), rs.getLong("gpu_seconds_recorded"),
                rs.getBigDecimal("usage_value").toBigIntegerExact(), rs.getString("billing"),
                rs.getBigDecimal("adjustment_units").toBigIntegerExact(), rs.getString("meter_signer"),
                rs.getString("tenant_signer"), rs.getObject("dispute_window_seconds", Long.class), capacity(rs),
                SlaTerms.read(rs.getString("sla")));
    }

    private static CapacityView capacity(ResultSet rs) throws SQLException {
        if (!CapacityPricing.KIND.equals(rs.getString("pricing_kind"))) {
            return null;
        }
        return new CapacityView(rs.getLong("capacity_kw"), integer(rs.getBigDecimal("fee_units_per_hour")),
                integer(rs.getBigDecimal("energy_units_per_kwh")), rs.getLong("energy_wh_recorded"),
                integer(rs.getBigDecimal("capacity_fee_value")), instant(rs.getTimestamp("fee_accrued_through")));
    }

    private static BigInteger integer(BigDecimal value) {
        return value == null ? null : value.toBigIntegerExact();
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
