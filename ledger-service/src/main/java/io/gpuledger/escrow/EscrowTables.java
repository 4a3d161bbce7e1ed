package io.gpuledger.escrow;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The follower's rows: its cursor, the tenants' account keys, and the deposits that matched no tenant. */
@Component
class EscrowTables {

    /** A tenant of a marketplace. */
    record Tenant(String marketplaceId, String tenantId) {
    }

    /** A kept deposit whose tenant has become known: it is credited next. */
    record Matched(DepositedLog deposit, Tenant tenant) {
    }

    private final JdbcTemplate jdbc;

    EscrowTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The next block to read, or empty before the first read. */
    Optional<Long> cursor(long chainId, String escrow) {
        return jdbc.query("SELECT next_block FROM settlement_log_cursor WHERE chain_id = ? AND contract = ?",
                (rs, i) -> rs.getLong(1), chainId, escrow.toLowerCase()).stream().findFirst();
    }

    void saveCursor(long chainId, String escrow, long nextBlock) {
        jdbc.update("""
                INSERT INTO settlement_log_cursor (chain_id, contract, next_block) VALUES (?, ?, ?)
                ON CONFLICT (chain_id, contract) DO UPDATE SET next_block = EXCLUDED.next_block, updated_at = now()
                """, chainId, escrow.toLowerCase(), nextBlock);
    }

    Optional<Tenant> tenantOf(byte[] account) {
        return jdbc.query("SELECT marketplace_id, tenant_id FROM escrow_account WHERE account = ?",
                (rs, i) -> new Tenant(rs.getString(1), rs.getString(2)), (Object) account).stream().findFirst();
    }

    /** Keeps a deposit that names no known tenant; true the first time it is kept. */
    boolean keepUnmatched(DepositedLog deposit) {
        return jdbc.update("""
                INSERT INTO escrow_unmatched_deposit (deposit_id, account, depositor, amount_units, block_number,
                    tx_hash, log_index) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (deposit_id) DO NOTHING
                """, deposit.depositId(), deposit.account(), deposit.from(), new BigDecimal(deposit.amountUnits()),
                deposit.blockNumber(), deposit.txHash(), deposit.logIndex()) == 1;
    }

    /** Kept deposits, not credited yet, whose tenant is known now; oldest first. */
    List<Matched> waitingAndMatched() {
        return jdbc.query("""
                SELECT d.*, a.marketplace_id AS known_marketplace, a.tenant_id AS known_tenant
                FROM escrow_unmatched_deposit d JOIN escrow_account a ON a.account = d.account
                WHERE d.credited_at IS NULL ORDER BY d.block_number, d.log_index
                """, (rs, i) -> new Matched(deposit(rs),
                new Tenant(rs.getString("known_marketplace"), rs.getString("known_tenant"))));
    }

    void markCredited(String depositId, Tenant tenant) {
        jdbc.update("""
                UPDATE escrow_unmatched_deposit SET credited_at = now(), marketplace_id = ?, tenant_id = ?
                WHERE deposit_id = ? AND credited_at IS NULL
                """, tenant.marketplaceId(), tenant.tenantId(), depositId);
    }

    /** Kept deposits that no known tenant has claimed yet, oldest first. */
    List<DepositedLog> waiting() {
        return jdbc.query("SELECT * FROM escrow_unmatched_deposit WHERE credited_at IS NULL ORDER BY block_number, log_index",
                (rs, i) -> deposit(rs));
    }

    private static DepositedLog deposit(ResultSet rs) throws SQLException {
        return new DepositedLog(rs.getBytes("account"), rs.getString("depositor"),
                rs.getBigDecimal("amount_units").toBigIntegerExact(), rs.getLong("block_number"), rs.getString("tx_hash"),
                rs.getLong("log_index"));
    }
}
