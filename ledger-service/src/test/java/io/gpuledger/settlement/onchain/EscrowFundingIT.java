package io.gpuledger.settlement.onchain;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MKT_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.contracts.generated.PrepaidEscrow;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.Leases;
import io.gpuledger.support.SettlementIT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;

/**
 * Prepaid payouts funded from the escrow's deposits, on anvil: a tenant deposits on-chain, the follower
 * credits it, a prepaid lease spends part of it, and the epoch's funding releases exactly the charged
 * units from the escrow, once, whatever the driver does afterwards. The ledger's signer owns the escrow,
 * as the run command's deployment makes it.
 */
@TestPropertySource(properties = "ledger.escrow.interval=PT0.1S")
class EscrowFundingIT extends SettlementIT {

    /** 8 GPUs for an hour at 2,100,000 per GPU-hour, fee 5%: 16,800,000 charged, 15,960,000 to the provider. */
    private static final BigInteger CHARGED = BigInteger.valueOf(16_800_000);
    private static final BigInteger PROVIDER_UNITS = BigInteger.valueOf(15_960_000);
    private static final BigInteger DEPOSIT = BigInteger.valueOf(20_000_000);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EpochDriver driver;

    @DynamicPropertySource
    static void escrowProperties(DynamicPropertyRegistry registry) {
        registry.add("ledger.chain.escrow-address", () -> contracts.escrow().getContractAddress());
    }

    @BeforeEach
    void theLedgerOwnsTheEscrow() throws Exception {
        PrepaidEscrow escrow = contracts.escrow();
        if (!escrow.owner().send().equalsIgnoreCase(ledgerSigner.getAddress())) {
            escrow.transferOwnership(ledgerSigner.getAddress()).send();
        }
    }

    @Test
    void aPrepaidEpochPaidFromEscrowDepositsLeavesTheEscrowHoldingExactlyTheUnspentDeposits() {
        String provider = freshAddress();
        String tenant = Leases.uniqueId("tenant-escrow");
        String leaseId = openPrepaidLease(tenant, provider);
        BigInteger escrowBefore = escrowBalance();
        int releasesBefore = releasedLogs().size();
        BigInteger journalEscrowBefore = journalBalance("escrow");
        long journalHead = jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM journal_entry", Long.class);

        deposit(depositor(), tenant, DEPOSIT);
        await().atMost(patience()).until(() -> depositsOf(tenant).equals(DEPOSIT));
        usage(MARKETPLACE_A, leaseId, "r-1", "2026-11-02T00:00:00Z", "2026-11-02T01:00:00Z", 28_800);

        long epoch = closeEpoch();
        assertThat(epoch(epoch).path("escrowFundedUnits").asText()).isEqualTo(CHARGED.toString());
        assertThat(push(epoch).status()).isEqualTo(202);
        JsonNode paid = awaitStatus(epoch, "PAID");

        assertThat(tokenBalance(provider)).isEqualTo(PROVIDER_UNITS);
        assertThat(escrowBalance()).as("the deposit less the charged units released")
                .isEqualTo(escrowBefore.add(DEPOSIT).subtract(CHARGED));
        assertThat(paid.path("escrowReleasedUnits").asText()).isEqualTo(CHARGED.toString());
        JsonNode release = api.get(OPERATOR, "/v1/settlement/chain/intents/fund-epoch-" + epoch + "-escrow").json();
        assertThat(release.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(paid.path("escrowTxHash").asText()).isEqualToIgnoringCase(release.path("txHash").asText());
        assertThat(releasedLogs()).hasSize(releasesBefore + 1);

        // The journal posts the release from the escrow to the treasury, the signer that funds the epoch:
        // the escrow's account moves by what the escrow contract holds more, the other way round.
        List<String> releaseEntries = await().atMost(patience()).until(() -> jdbc.queryForList("""
                SELECT account || ' ' || kind || ' ' || amount_units FROM journal_entry
                WHERE global_index > ? AND event_type = 'EpochFundedEvent' ORDER BY global_index, line""",
                String.class, journalHead), entries -> !entries.isEmpty());
        assertThat(releaseEntries).containsExactly("escrow ESCROW " + CHARGED, "treasury TREASURY -" + CHARGED);
        assertThat(journalBalance("escrow").subtract(journalEscrowBefore)).as("the journal's escrow account")
                .isEqualTo(escrowBalance().subtract(escrowBefore).negate());
        assertThat(api.get(AUDITOR, "/v1/accounts").json().path("totalUnits").asText()).isEqualTo("0");

        // The driver again, and the operator's requests again: nothing more leaves the escrow.
        for (int round = 0; round < 5; round++) {
            driver.round();
        }
        assertThat(anchor(epoch).status()).isEqualTo(202);
        assertThat(push(epoch).status()).isEqualTo(202);
        driver.round();
        // The next epoch has no new charges of the tenant: it assigns the escrow nothing.
        long next = closeEpoch();
        assertThat(epoch(next).path("escrowFundedUnits").asText()).isEqualTo("0");
        assertThat(escrowBalance()).isEqualTo(escrowBefore.add(DEPOSIT).subtract(CHARGED));
        assertThat(releasedLogs()).hasSize(releasesBefore + 1);

        assertThat(differences()).as("the release is the epoch's funding").isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM journal_entry WHERE global_index > ? AND event_type = "
                + "'EpochFundedEvent'", Long.class, journalHead)).as("one release, posted once").isEqualTo(2);
        // Verification derives the entries afresh from the events, the release's among them.
        long posted = jdbc.queryForObject("SELECT max(global_index) FROM journal_entry", Long.class);
        JsonNode verdict = await().atMost(patience()).until(() -> api.get(AUDITOR, "/v1/audit/verify").json(),
                v -> v.path("sealedThrough").asLong() >= posted);
        assertThat(verdict.path("ok").asBoolean()).as(verdict.toString()).isTrue();
    }

    @Test
    void reconciliationReportsARecordedReleaseTheEscrowDoesNotHaveAndAReleaseNoEpochExplains() {
        String tenant = Leases.uniqueId("tenant-reconciled");
        String leaseId = openPrepaidLease(tenant, freshAddress());
        deposit(depositor(), tenant, DEPOSIT);
        await().atMost(patience()).until(() -> depositsOf(tenant).equals(DEPOSIT));
        usage(MARKETPLACE_A, leaseId, "r-1", "2026-11-03T00:00:00Z", "2026-11-03T00:30:00Z", 3_600);
        long epoch = closeEpoch();
        assertThat(push(epoch).status()).isEqualTo(202);
        String released = awaitStatus(epoch, "PAID").path("escrowTxHash").asText();
        assertThat(differences()).isEmpty();

        // The ledger comes to hold another transaction for the release, as a forged record would leave it.
        String forged = "0x" + "0e".repeat(32);
        jdbc.update("UPDATE epoch_view SET escrow_tx_hash = ? WHERE epoch = ?", forged, epoch);
        try {
            List<JsonNode> differences = differences();
            assertThat(differences).hasSize(2);
            assertThat(differences).anySatisfy(d -> {
                assertThat(d.path("kind").asText()).isEqualTo("MISSING");
                assertThat(d.path("epoch").asLong()).isEqualTo(epoch);
                assertThat(d.path("txHash").asText()).isEqualTo(forged);
            });
            assertThat(differences).anySatisfy(d -> {
                assertThat(d.path("kind").asText()).isEqualTo("UNEXPLAINED");
                assertThat(d.path("txHash").asText()).isEqualToIgnoringCase(released);
            });
        } finally {
            jdbc.update("UPDATE epoch_view SET escrow_tx_hash = ? WHERE epoch = ?", released, epoch);
        }
    }

    // ---- the ledger

    private String openPrepaidLease(String tenant, String provider) {
        String leaseId = Leases.uniqueId("escrow-funded");
        String body = Leases.open(leaseId, "prov-e", tenant, 8, "2100000", 500, "2026-10-01T00:00:00Z", null)
                .replace(Leases.PAYOUT_ADDRESS, provider);
        body = body.substring(0, body.lastIndexOf('}')) + ", \"billing\": \"PREPAID\"}";
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        await().atMost(patience()).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM escrow_account WHERE tenant_id = ?", Long.class, tenant) == 1);
        return leaseId;
    }

    private BigInteger depositsOf(String tenant) {
        Response balance = api.get(MARKETPLACE_A, "/v1/tenants/" + tenant + "/balance");
        return balance.status() == 200 ? new BigInteger(balance.json().path("depositsUnits").asText()) : BigInteger.ZERO;
    }

    /** An account's balance in the journal, 0 while it has no entry. */
    private BigInteger journalBalance(String account) {
        Response entries = api.get(AUDITOR, "/v1/accounts/" + account + "/entries?limit=1");
        return entries.status() == 404 ? BigInteger.ZERO : new BigInteger(entries.json().path("balanceUnits").asText());
    }

    private List<JsonNode> differences() {
        List<JsonNode> differences = new ArrayList<>();
        api.get(OPERATOR, "/v1/settlement/reconciliation").json().path("differences").forEach(differences::add);
        return differences;
    }

    // ---- the chain

    private static BigInteger escrowBalance() {
        return tokenBalance(contracts.escrow().getContractAddress());
    }

    private static Credentials depositor() {
        return contracts.depositor(anvil, ledgerSigner);
    }

    private static void deposit(Credentials from, String tenant, BigInteger units) {
        contracts.deposit(from, MKT_A, tenant, units);
    }

    private static List<EthLog.LogResult> releasedLogs() {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                contracts.escrow().getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(PrepaidEscrow.RELEASED_EVENT));
        try {
            return anvil.web3j().ethGetLogs(filter).send().getLogs();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
