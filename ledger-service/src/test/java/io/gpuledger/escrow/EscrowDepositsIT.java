package io.gpuledger.escrow;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MKT_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.account.api.DepositResult;
import io.gpuledger.account.api.FundingKind;
import io.gpuledger.account.api.RecordDepositCommand;
import io.gpuledger.platform.LedgerTransactions;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.CapturedLogs;
import io.gpuledger.support.LedgerTables;
import io.gpuledger.support.Leases;
import io.gpuledger.support.SettlementIT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The ledger credits the escrow's Deposited logs to tenants' balances, once each and only once
 * confirmed: three confirmations here, so a deposit waits for two blocks on top of its own, which
 * the tests mine. Account keys come from the contract's own accountOf, not from the ledger's code.
 */
@TestPropertySource(properties = {"ledger.chain.confirmations=3", "ledger.escrow.interval=PT0.1S"})
class EscrowDepositsIT extends SettlementIT {

    private static final int CONFIRMATIONS = 3;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;
    @Autowired
    LedgerTransactions transactions;

    @DynamicPropertySource
    static void escrowProperties(DynamicPropertyRegistry registry) {
        registry.add("ledger.chain.escrow-address", () -> contracts.escrow().getContractAddress());
    }

    @Test
    void depositsFromSeveralAddressesToTwoTenantsAreCreditedOnceEachAndReadingThemAgainCreditsNothing() {
        String first = knownTenant("first");
        String second = knownTenant("second");
        Credentials alice = depositor();
        Credentials bob = depositor();
        Credentials carol = depositor();

        List<TransactionReceipt> deposits = List.of(deposit(alice, first, 1_000_000), deposit(bob, first, 2_500_000),
                deposit(carol, second, 700_000), deposit(alice, second, 300_000));
        anvil.mine(CONFIRMATIONS - 1);

        awaitDeposits(first, 3_500_000);
        awaitDeposits(second, 1_000_000);
        long events = events();
        for (TransactionReceipt deposit : deposits) {
            assertThat(recordedBefore(deposit, first, second)).as(depositIdOf(deposit)).isTrue();
        }

        readEverythingAgain();

        assertThat(events()).as("events after reading every deposit again").isEqualTo(events);
        assertThat(depositsOf(first)).isEqualTo(3_500_000);
        assertThat(depositsOf(second)).isEqualTo(1_000_000);
    }

    @Test
    void aDepositWhoseBlockAReorgDropsBeforeItIsConfirmedIsNeverCredited() throws Exception {
        String tenant = knownTenant("reorged");
        Credentials dropped = depositor();
        Credentials kept = depositor();
        anvil.mine(CONFIRMATIONS);
        awaitCursorPast(head() - CONFIRMATIONS + 1);

        String snapshot = anvil.snapshot();
        TransactionReceipt lost = deposit(dropped, tenant, 4_000_000);
        // The follower reads up to the block below the deposit's, and not the deposit's: not deep enough.
        awaitCursorPast(lost.getBlockNumber().longValueExact() - CONFIRMATIONS + 1);
        anvil.revert(snapshot);
        TransactionReceipt landed = deposit(kept, tenant, 1_500_000);
        anvil.mine(CONFIRMATIONS);

        awaitDeposits(tenant, 1_500_000);
        awaitCursorPast(landed.getBlockNumber().longValueExact());
        assertThat(anvil.web3j().ethGetTransactionReceipt(lost.getTransactionHash()).send().getTransactionReceipt())
                .as("the dropped deposit stays out of the chain").isEmpty();
        assertThat(depositsOf(tenant)).isEqualTo(1_500_000);
    }

    @Test
    void aDepositToAnAccountOfNoKnownTenantIsKeptAndCreditedOnceALeaseOfItsTenantOpens() {
        String tenant = Leases.uniqueId("tenant-later");
        TransactionReceipt receipt = deposit(depositor(), tenant, 2_000_000);
        anvil.mine(CONFIRMATIONS - 1);
        String depositId = depositIdOf(receipt);

        await().atMost(patience()).until(() -> unmatchedIds().contains(depositId));
        assertThat(depositsOf(tenant)).isZero();

        openLease(tenant);

        awaitDeposits(tenant, 2_000_000);
        await().atMost(patience()).until(() -> !unmatchedIds().contains(depositId));
        long events = events();
        readEverythingAgain();
        assertThat(events()).isEqualTo(events);
        assertThat(depositsOf(tenant)).isEqualTo(2_000_000);
    }

    @Test
    void aFailingRoundIsLoggedOnceAndTheNextRoundsTryAgainUntilTheDepositIsCredited() {
        String tenant = knownTenant("outage");
        try (CapturedLogs logs = CapturedLogs.start()) {
            // Every round now fails at its first statement, the same way.
            jdbc.execute("ALTER TABLE settlement_log_cursor RENAME TO settlement_log_cursor_away");
            try {
                deposit(depositor(), tenant, 900_000);
                anvil.mine(CONFIRMATIONS - 1);
                await().atMost(patience()).until(() -> failuresLogged(logs) == 1);
                await().during(Duration.ofSeconds(1)).atMost(patience()).until(() -> failuresLogged(logs) == 1);
                assertThat(depositsOf(tenant)).isZero();
            } finally {
                jdbc.execute("ALTER TABLE settlement_log_cursor_away RENAME TO settlement_log_cursor");
            }

            awaitDeposits(tenant, 900_000);
            await().atMost(patience()).until(() -> logs.all().contains("The escrow's deposits are followed again"));
            assertThat(failuresLogged(logs)).isEqualTo(1);
        }
    }

    private static long failuresLogged(CapturedLogs logs) {
        return logs.lines().stream().filter(line -> line.contains("Following the escrow's deposits failed")).count();
    }

    @Test
    void onlyOperatorsAndAuditorsSeeTheUnmatchedDeposits() {
        assertThat(api.get(MARKETPLACE_A, "/v1/settlement/escrow/unmatched-deposits").status()).isEqualTo(403);
        assertThat(api.get(OPERATOR, "/v1/settlement/escrow/unmatched-deposits").status()).isEqualTo(200);
    }

    // ---- tenants and balances, through the ledger

    /** A tenant of marketplace A with a lease, whose account key the ledger holds. */
    private String knownTenant(String name) {
        String tenant = Leases.uniqueId("tenant-" + name);
        openLease(tenant);
        await().atMost(patience()).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM escrow_account WHERE tenant_id = ?", Long.class, tenant) == 1);
        return tenant;
    }

    private void openLease(String tenant) {
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", Leases.open(Leases.uniqueId("escrow"), "prov-e", tenant,
                1, "1000000", 500, "2026-10-01T00:00:00Z", null));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    }

    private long depositsOf(String tenant) {
        Response balance = api.get(MARKETPLACE_A, "/v1/tenants/" + tenant + "/balance");
        assertThat(balance.status()).as(balance.toString()).isEqualTo(200);
        return balance.json().path("depositsUnits").asLong();
    }

    private void awaitDeposits(String tenant, long units) {
        await().atMost(patience()).until(() -> depositsOf(tenant) == units);
    }

    /** Whether the deposit is recorded under its chain id, as the API contract names it, with its amount. */
    private boolean recordedBefore(TransactionReceipt receipt, String... tenants) {
        Log log = depositedLog(receipt);
        BigInteger amount = Numeric.toBigInt(log.getData());
        for (String tenant : tenants) {
            if (Arrays.equals(accountOf(tenant), Numeric.hexStringToByteArray(log.getTopics().get(1)))) {
                DepositResult result = transactions.inTransaction(() -> commands.sendAndWait(new RecordDepositCommand(
                        MKT_A, tenant, depositIdOf(receipt), FundingKind.DEPOSIT, amount)));
                return result.recordedBefore();
            }
        }
        throw new AssertionError("a deposit to none of " + List.of(tenants));
    }

    private List<String> unmatchedIds() {
        Response listed = api.get(OPERATOR, "/v1/settlement/escrow/unmatched-deposits");
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode deposit : listed.json().path("deposits")) {
            ids.add(deposit.path("depositId").asText());
        }
        return ids;
    }

    private long events() {
        return new LedgerTables(jdbc).events();
    }

    // ---- the follower's cursor

    private Long cursor() {
        return jdbc.query("SELECT next_block FROM settlement_log_cursor WHERE contract = ?", (rs, i) -> rs.getLong(1),
                contracts.escrow().getContractAddress().toLowerCase()).stream().findFirst().orElse(null);
    }

    private void awaitCursorPast(long block) {
        await().atMost(patience()).until(() -> cursor() != null && cursor() > block);
    }

    /** Forgets where the follower was, so that it reads every deposit again, and waits until it has. */
    private void readEverythingAgain() {
        long head = head();
        jdbc.update("DELETE FROM settlement_log_cursor WHERE contract = ?",
                contracts.escrow().getContractAddress().toLowerCase());
        awaitCursorPast(head - CONFIRMATIONS + 1);
    }

    // ---- the chain, as depositors use it

    private static Credentials depositor() {
        // The ledger's signer owns the token here, as on the run command's local chain.
        return contracts.depositor(anvil, ledgerSigner);
    }

    private static TransactionReceipt deposit(Credentials from, String tenant, long units) {
        return contracts.deposit(from, MKT_A, tenant, BigInteger.valueOf(units));
    }

    private static byte[] accountOf(String tenant) {
        try {
            return contracts.escrow().accountOf(MKT_A, tenant).send();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Log depositedLog(TransactionReceipt receipt) {
        return receipt.getLogs().stream()
                .filter(log -> log.getAddress().equalsIgnoreCase(contracts.escrow().getContractAddress()))
                .findFirst().orElseThrow();
    }

    private static String depositIdOf(TransactionReceipt receipt) {
        return "chain:" + receipt.getTransactionHash() + ":" + depositedLog(receipt).getLogIndex();
    }

    private static long head() {
        try {
            return anvil.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
