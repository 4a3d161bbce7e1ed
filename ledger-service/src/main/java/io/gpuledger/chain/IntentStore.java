package io.gpuledger.chain;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Intents, their attempts and the nonce counters, in PostgreSQL (migrations/V10). Every change to
 * an intent names the version it was read at, so that of two workers acting on one observation
 * only the first counts; the other's update changes nothing and it looks again next round.
 */
@Repository
class IntentStore {

    private static final String INTENT_COLUMNS = """
            intent_id, status, chain_id, signer_address, to_address, value_wei, data, gas_limit, nonce, tx_hash,
            block_number, block_hash, receipt_ok, revert_reason, revert_data, failure, reorg_count, version, created_at,
            updated_at
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    IntentStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        // Always a transaction of its own, committed before this method returns, even when a caller
        // runs inside one: a transaction must be durable before it is sent, and a caller's rollback
        // after the send must not take back a nonce a node already holds.
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    // ---- reading

    /** How many intents stand in each state. */
    Map<String, Long> countsByStatus() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT status, count(*) FROM chain_intent GROUP BY status",
                rs -> { counts.put(rs.getString(1), rs.getLong(2)); });
        return counts;
    }

    Optional<ChainIntent> find(String intentId) {
        return jdbc.query("SELECT " + INTENT_COLUMNS + " FROM chain_intent WHERE intent_id = ?",
                IntentStore::intent, intentId).stream().findFirst();
    }

    /** The intents still to be driven to a final state, lowest nonce first: a node mines them in that order. */
    List<ChainIntent> unfinished(long chainId, String signerAddress) {
        return jdbc.query("SELECT " + INTENT_COLUMNS + " FROM chain_intent WHERE chain_id = ? AND signer_address = ? "
                        + "AND status IN ('PENDING', 'BROADCAST', 'MINED') ORDER BY nonce, created_at",
                IntentStore::intent, chainId, signerAddress);
    }

    List<TxAttempt> attempts(String intentId) {
        return jdbc.query("""
                SELECT tx_hash, intent_id, attempt, nonce, max_fee_per_gas, max_priority_fee_per_gas, raw_tx,
                       created_at, sent_at
                FROM chain_tx_attempt WHERE intent_id = ? ORDER BY attempt
                """, IntentStore::attempt, intentId);
    }

    // ---- nonces

    /** Creates the signer's counter at {@code firstNonce} unless it exists; a counter never moves back. */
    void initNonce(long chainId, String signerAddress, long firstNonce) {
        jdbc.update("INSERT INTO chain_signer_nonce (chain_id, signer_address, next_nonce) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", chainId, signerAddress, firstNonce);
    }

    boolean hasNonce(long chainId, String signerAddress) {
        return !jdbc.queryForList("SELECT 1 FROM chain_signer_nonce WHERE chain_id = ? AND signer_address = ?",
                Integer.class, chainId, signerAddress).isEmpty();
    }

    /**
     * The signer's next nonce, locked until the surrounding transaction ends: allocations for one
     * signer happen one at a time, and a rolled-back allocation takes nothing.
     */
    long lockNextNonce(long chainId, String signerAddress) {
        return jdbc.queryForObject("SELECT next_nonce FROM chain_signer_nonce WHERE chain_id = ? AND signer_address = ? "
                + "FOR UPDATE", Long.class, chainId, signerAddress);
    }

    void setNextNonce(long chainId, String signerAddress, long nextNonce) {
        jdbc.update("UPDATE chain_signer_nonce SET next_nonce = ?, updated_at = now() WHERE chain_id = ? "
                + "AND signer_address = ?", nextNonce, chainId, signerAddress);
    }

    // ---- writing

    void insertIntent(IntentRequest request, long chainId, String signerAddress, long nonce) {
        jdbc.update("""
                INSERT INTO chain_intent (intent_id, chain_id, signer_address, to_address, value_wei, data, gas_limit,
                                          status, nonce)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)
                """, request.intentId(), chainId, signerAddress, request.to(), new BigDecimal(request.valueWei()),
                request.data(), request.gasLimit(), nonce);
    }

    void insertAttempt(String intentId, int attempt, SignedTx tx, Instant now) {
        jdbc.update("""
                INSERT INTO chain_tx_attempt (tx_hash, intent_id, attempt, nonce, max_fee_per_gas,
                                              max_priority_fee_per_gas, raw_tx, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, tx.hash(), intentId, attempt, tx.nonce(), new BigDecimal(tx.fees().maxFeePerGas()),
                new BigDecimal(tx.fees().maxPriorityFeePerGas()), tx.raw(), Timestamp.from(now));
    }

    /** A node accepted the attempt: restart its stuck clock, and a PENDING intent is now BROADCAST. */
    void markSent(TxAttempt attempt, Instant now) {
        jdbc.update("UPDATE chain_tx_attempt SET sent_at = ? WHERE tx_hash = ?", Timestamp.from(now), attempt.txHash());
        jdbc.update("UPDATE chain_intent SET status = 'BROADCAST', version = version + 1, updated_at = now() "
                + "WHERE intent_id = ? AND status = 'PENDING'", attempt.intentId());
    }

    boolean recordMined(ChainIntent intent, MinedTx mined) {
        return jdbc.update("""
                UPDATE chain_intent SET status = 'MINED', tx_hash = ?, block_number = ?, block_hash = ?, receipt_ok = ?,
                       version = version + 1, updated_at = now()
                WHERE intent_id = ? AND version = ?
                """, mined.txHash(), mined.blockNumber(), mined.blockHash(), mined.succeeded(),
                intent.intentId(), intent.version()) == 1;
    }

    /** CONFIRMED (with a null {@code revert}) or REVERTED. */
    boolean recordFinal(ChainIntent intent, IntentStatus status, Revert revert) {
        return jdbc.update("""
                UPDATE chain_intent SET status = ?, revert_reason = ?, revert_data = ?, version = version + 1,
                       updated_at = now()
                WHERE intent_id = ? AND version = ?
                """, status.name(), revert == null ? null : revert.reason(), revert == null ? null : revert.data(),
                intent.intentId(), intent.version()) == 1;
    }

    /** The block that held the intent's transaction is no longer in the chain. */
    boolean recordReorg(ChainIntent intent) {
        return jdbc.update("""
                UPDATE chain_intent SET status = 'BROADCAST', tx_hash = NULL, block_number = NULL, block_hash = NULL,
                       receipt_ok = NULL, reorg_count = reorg_count + 1, version = version + 1, updated_at = now()
                WHERE intent_id = ? AND version = ?
                """, intent.intentId(), intent.version()) == 1;
    }

    boolean moveToNonce(ChainIntent intent, long nonce) {
        return jdbc.update("""
                UPDATE chain_intent SET nonce = ?, status = 'PENDING', version = version + 1, updated_at = now()
                WHERE intent_id = ? AND version = ?
                """, nonce, intent.intentId(), intent.version()) == 1;
    }

    boolean recordFailed(ChainIntent intent, String failure) {
        return jdbc.update("""
                UPDATE chain_intent SET status = 'FAILED', failure = ?, version = version + 1, updated_at = now()
                WHERE intent_id = ? AND version = ?
                """, Revert.printable(failure), intent.intentId(), intent.version()) == 1;
    }

    // ---- mapping

    private static ChainIntent intent(ResultSet rs, int row) throws SQLException {
        long blockNumber = rs.getLong("block_number");
        boolean noBlock = rs.wasNull();
        boolean receiptOk = rs.getBoolean("receipt_ok");
        boolean noReceipt = rs.wasNull();
        return new ChainIntent(rs.getString("intent_id"), IntentStatus.valueOf(rs.getString("status")),
                rs.getLong("chain_id"), rs.getString("signer_address"), rs.getString("to_address"),
                rs.getBigDecimal("value_wei").toBigIntegerExact(), rs.getString("data"), rs.getLong("gas_limit"),
                rs.getLong("nonce"), rs.getString("tx_hash"), noBlock ? null : blockNumber, rs.getString("block_hash"),
                noReceipt ? null : receiptOk, rs.getString("revert_reason"), rs.getString("revert_data"),
                rs.getString("failure"),
                rs.getInt("reorg_count"), rs.getLong("version"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static TxAttempt attempt(ResultSet rs, int row) throws SQLException {
        return new TxAttempt(rs.getString("tx_hash"), rs.getString("intent_id"), rs.getInt("attempt"),
                rs.getLong("nonce"), rs.getBigDecimal("max_fee_per_gas").toBigIntegerExact(),
                rs.getBigDecimal("max_priority_fee_per_gas").toBigIntegerExact(), rs.getString("raw_tx"),
                instant(rs, "created_at"), instant(rs, "sent_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
