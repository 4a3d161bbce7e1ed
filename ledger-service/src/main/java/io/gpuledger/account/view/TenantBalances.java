package io.gpuledger.account.view;

import io.gpuledger.account.api.TenantBalance;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads tenant balances and held charges; a tenant or lease that never drew or paid in has zeros. */
@Component
public class TenantBalances {

    private final JdbcTemplate jdbc;

    public TenantBalances(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public TenantBalance of(String marketplaceId, String tenantId) {
        List<TenantBalance> found = jdbc.query("""
                SELECT deposits_units, credits_units, charges_units, held_units FROM tenant_balance
                WHERE marketplace_id = ? AND tenant_id = ?
                """, (rs, row) -> new TenantBalance(rs.getBigDecimal(1).toBigIntegerExact(),
                rs.getBigDecimal(2).toBigIntegerExact(), rs.getBigDecimal(3).toBigIntegerExact(),
                rs.getBigDecimal(4).toBigIntegerExact()), marketplaceId, tenantId);
        return found.isEmpty() ? TenantBalance.EMPTY : found.get(0);
    }

    /** The charges of a lease's usage held while its tenant was overdrawn, not yet released. */
    public BigInteger heldOfLease(String marketplaceId, String leaseId) {
        List<BigInteger> found = jdbc.query("SELECT held_units FROM lease_held WHERE marketplace_id = ? AND lease_id = ?",
                (rs, row) -> rs.getBigDecimal(1).toBigIntegerExact(), marketplaceId, leaseId);
        return found.isEmpty() ? BigInteger.ZERO : found.get(0);
    }

    /** The held charges of several leases of one marketplace, by lease id; leases holding none are left out. */
    public Map<String, BigInteger> heldOfLeases(String marketplaceId, Collection<String> leaseIds) {
        Map<String, BigInteger> held = new HashMap<>();
        if (!leaseIds.isEmpty()) {
            jdbc.query("SELECT lease_id, held_units FROM lease_held WHERE marketplace_id = ? AND lease_id = ANY (?)",
                    (RowCallbackHandler) rs -> held.put(rs.getString(1), rs.getBigDecimal(2).toBigIntegerExact()),
                    marketplaceId, leaseIds.toArray(String[]::new));
        }
        return held;
    }
}
