package io.gpuledger.escrow;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MKT_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.account.api.TenantAccountKey;
import io.gpuledger.support.Anvil;
import io.gpuledger.support.Api;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerProcess;
import io.gpuledger.support.Leases;
import io.gpuledger.support.SettlementContracts;
import io.gpuledger.support.TestPostgres;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * The packaged ledger killed (SIGKILL) between reading the escrow's Deposited logs and recording them.
 * Two deposits to two tenants are confirmed in one range of blocks. The test holds the second tenant's
 * next event back in PostgreSQL (an uncommitted row under the same stream and sequence number, so the
 * ledger's insert waits on it, as SettlementCrashIT holds a transaction back on the chain): the ledger has
 * read both logs, recorded the first, and is recording the second when it dies. Restarted from the same
 * database and chain, it reads the range again and credits each deposit exactly once: the balances, each
 * tenant's journal account and the escrow's account hold each deposit once.
 */
class DepositFollowerCrashIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int CONFIRMATIONS = 3;
    private static final BigInteger FIRST = BigInteger.valueOf(7_000_001);
    private static final BigInteger SECOND = BigInteger.valueOf(3_000_002);

    private static Anvil anvil;
    private static SettlementContracts contracts;
    private static TestPostgres.Database db;
    private static LedgerProcess ledger;
    private static Api api;

    @BeforeAll
    static void startLedger() {
        anvil = Anvil.start();
        contracts = SettlementContracts.deploy(anvil);
        Credentials signer = anvil.fundedAccount(100);
        contracts.handOverTo(signer.getAddress(), false);
        db = TestPostgres.freshDatabase("depositcrash");
        Map<String, String> env = new HashMap<>();
        env.putAll(db.environment());
        env.putAll(contracts.ledgerEnvironment(signer));
        env.put("LEDGER_CHAIN_CONFIRMATIONS", Integer.toString(CONFIRMATIONS));
        env.put("LEDGER_CHAIN_POLL_INTERVAL", "100ms");
        env.put("LEDGER_CHAIN_MAX_POLL_INTERVAL", "300ms");
        env.put("LEDGER_ESCROW_INTERVAL", "PT0.1S");
        ledger = new LedgerProcess("deposit-crash", env);
        ledger.start();
        api = new Api(ledger.port());
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    void aLedgerKilledBetweenReadingDepositLogsAndRecordingThemCreditsEachOnceAfterRestart() throws Exception {
        String first = Leases.uniqueId("crash-t1");
        String second = Leases.uniqueId("crash-t2");
        openLease(first);
        openLease(second);
        await().atMost(PATIENCE).until(() -> knownTenants() == 2);
        Credentials depositor = contracts.depositor(anvil, contracts.operator());

        try (Connection blocker = connect()) {
            blocker.setAutoCommit(false);
            holdBackNextEventOf(blocker, TenantAccountKey.of(MKT_A, second));
            // Two deposits in consecutive blocks, neither confirmed yet: one round of the follower reads both.
            contracts.deposit(depositor, MKT_A, first, FIRST);
            long lastDepositBlock = contracts.deposit(depositor, MKT_A, second, SECOND).getBlockNumber().longValueExact();
            anvil.mine(CONFIRMATIONS - 1);

            await().atMost(PATIENCE).until(() -> waitingOn(blocker));
            await("the first log of the range recorded").atMost(PATIENCE).until(() -> deposits(first).equals(FIRST));
            assertThat(deposits(second)).as("the second is being recorded").isZero();
            assertThat(cursor()).as("the range is not passed yet").isLessThanOrEqualTo(lastDepositBlock);
            ledger.kill();
            blocker.rollback();

            ledger.start();
            await().atMost(PATIENCE).until(() -> deposits(second).equals(SECOND));
            // A round after the one that read the range again: it credits nothing more.
            anvil.mine(1);
            await().atMost(PATIENCE).until(() -> cursor() > lastDepositBlock + 1);
        }

        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%DepositRecordedEvent'"))
                .as("deposits recorded").isEqualTo(2);
        assertThat(deposits(first)).isEqualTo(FIRST);
        assertThat(deposits(second)).isEqualTo(SECOND);
        assertThat(journalEntries("tenant:" + MKT_A + "/" + first, 1)).containsExactly(FIRST.toString());
        assertThat(journalEntries("tenant:" + MKT_A + "/" + second, 1)).containsExactly(SECOND.toString());
        assertThat(journalEntries("escrow", 2)).containsExactly(FIRST.negate().toString(), SECOND.negate().toString());
        assertThat(api.get(AUDITOR, "/v1/accounts").json().path("totalUnits").asText()).isEqualTo("0");
        assertThat(contracts.balanceOf(contracts.escrow().getContractAddress())).isEqualTo(FIRST.add(SECOND));
    }

    // ---- the ledger process, through HTTP

    private static void openLease(String tenant) {
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", Leases.open(Leases.uniqueId("crash-lease"), "prov-d",
                tenant, 1, "3600000", 500, "2026-10-01T00:00:00Z", null));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    }

    private static BigInteger deposits(String tenant) {
        Response balance = api.get(MARKETPLACE_A, "/v1/tenants/" + tenant + "/balance");
        return balance.status() == 200 ? new BigInteger(balance.json().path("depositsUnits").asText()) : BigInteger.ZERO;
    }

    /** The amounts of an account's journal entries, once it has at least {@code expected} of them. */
    private static List<String> journalEntries(String account, int expected) {
        JsonNode page = await().atMost(PATIENCE).until(() -> api.get(AUDITOR, "/v1/accounts/" + account + "/entries"),
                r -> r.status() == 200 && r.json().path("items").size() >= expected).json();
        List<String> amounts = new ArrayList<>();
        page.path("items").forEach(item -> amounts.add(item.path("amountUnits").asText()));
        return amounts;
    }

    // ---- the ledger's database, read and held directly

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    private static long knownTenants() throws SQLException {
        return count("SELECT count(*) FROM escrow_account");
    }

    private static long cursor() throws SQLException {
        return count("SELECT COALESCE(max(next_block), 0) FROM settlement_log_cursor WHERE contract = '"
                + contracts.escrow().getContractAddress().toLowerCase() + "'");
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = connect(); ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Inserts, uncommitted, a row under the stream's next sequence number: the ledger's own event there
     * waits for this transaction on the unique key, and is written once it rolls back.
     */
    private static void holdBackNextEventOf(Connection blocker, String aggregateIdentifier) throws SQLException {
        try (PreparedStatement insert = blocker.prepareStatement("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, payload,
                    payload_type, time_stamp)
                SELECT ?, COALESCE(max(sequence_number) + 1, 0), 'TenantAccount', ?, '\\x7b7d'::bytea, 'held-back',
                    now()::text
                FROM domain_event_entry WHERE aggregate_identifier = ?""")) {
            insert.setString(1, aggregateIdentifier);
            insert.setString(2, "held-back-" + UUID.randomUUID());
            insert.setString(3, aggregateIdentifier);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    /** Whether a session of the ledger waits for the blocker's transaction: it is recording the second deposit. */
    private static boolean waitingOn(Connection blocker) throws SQLException {
        try (Connection connection = connect(); PreparedStatement waiting = connection.prepareStatement("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND query ILIKE '%domain_event_entry%'
                  AND ? = ANY (pg_blocking_pids(pid))""")) {
            waiting.setInt(1, backendPid(blocker));
            try (ResultSet rs = waiting.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
