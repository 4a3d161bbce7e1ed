package io.gpuledger.settlement;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MARKETPLACE_B;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Anvil;
import io.gpuledger.support.Api;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerProcess;
import io.gpuledger.support.Leases;
import io.gpuledger.support.SettlementContracts;
import io.gpuledger.support.TestPostgres;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The packaged ledger killed (SIGKILL) in the middle of settling an epoch, twice: once with its anchor
 * sent but not yet mined, once between two push batches with the second one sent but not mined.
 * Restarted each time from the same database and chain, it finishes the epoch exactly once: one
 * anchor, one funding, every account paid once, balances exact, no transaction more than needed.
 * The treasury pays here (funding by transfer from the signer), and the restart after the second
 * kill is configured with another batch size, which must not re-cut the batches already begun.
 */
class SettlementCrashIT {

    private static final BigInteger TREASURY = BigInteger.valueOf(1_000_000_000_000L);
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static Anvil anvil;
    private static SettlementContracts contracts;
    private static Credentials signer;
    private static LedgerProcess ledger;
    private static Api api;

    @BeforeAll
    static void startLedger() throws Exception {
        anvil = Anvil.start();
        contracts = SettlementContracts.deploy(anvil);
        signer = anvil.fundedAccount(100);
        contracts.handOverTo(signer.getAddress(), false);
        contracts.token().mint(signer.getAddress(), TREASURY).send();
        TestPostgres.Database db = TestPostgres.freshDatabase("crash");
        Map<String, String> env = new HashMap<>();
        env.putAll(db.environment());
        env.putAll(contracts.ledgerEnvironment(signer));
        env.put("LEDGER_CHAIN_CONFIRMATIONS", "1");
        env.put("LEDGER_CHAIN_POLL_INTERVAL", "100ms");
        env.put("LEDGER_CHAIN_MAX_POLL_INTERVAL", "300ms");
        env.put("LEDGER_SETTLEMENT_DRIVER_INTERVAL", "PT0.2S");
        env.put("LEDGER_SETTLEMENT_FUNDING", "transfer");
        env.put("LEDGER_SETTLEMENT_PUSH_BATCH_SIZE", "2");
        ledger = new LedgerProcess("settlement-crash", env);
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
    void aLedgerKilledWhileAnchoringAndWhilePushingFinishesTheEpochExactlyOnceAfterRestarts() {
        Map<String, BigInteger> owed = new HashMap<>();
        List<String> providers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String provider = SettlementContracts.freshAddress();
            providers.add(provider);
            String key = i % 2 == 0 ? MARKETPLACE_A : MARKETPLACE_B;
            owed.put(provider, usage(key, openLease(key, provider), 3_600L + 101 * i));
        }
        long epoch = closeEpoch();
        BigInteger total = owed.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        long noncesBefore = minedNonces();

        // 1. The anchor is sent, then the ledger dies before it is mined; the chain mines it meanwhile.
        anvil.setAutomine(false);
        assertThat(post("/v1/settlement/epochs/" + epoch + "/anchor").status()).isEqualTo(202);
        awaitIntent("anchor-epoch-" + epoch, "BROADCAST");
        ledger.kill();
        anvil.mine(1);
        anvil.setAutomine(true);
        ledger.start();
        awaitStatus(epoch, "ANCHORED");
        await().atMost(PATIENCE).until(() -> epoch(epoch).hasNonNull("fundedAt"));

        // 2. Batches of two: the first is confirmed, the second sent, and the ledger dies before it is mined.
        anvil.setAutomine(false);
        assertThat(post("/v1/settlement/epochs/" + epoch + "/payouts:push").status()).isEqualTo(202);
        awaitIntent("push-epoch-" + epoch + "-batch-1", "BROADCAST");
        anvil.mine(1);
        awaitIntent("push-epoch-" + epoch + "-batch-2", "BROADCAST");
        ledger.kill();
        anvil.mine(1);
        anvil.setAutomine(true);
        // Restarted with another batch size: the epoch keeps the batches it began with.
        ledger.start(Map.of("LEDGER_SETTLEMENT_PUSH_BATCH_SIZE", "4"));
        JsonNode paid = awaitStatus(epoch, "PAID");

        assertThat(paid.path("pushBatchSize").asInt()).isEqualTo(2);
        assertThat(paid.path("pushBatchCount").asInt()).isEqualTo(3);
        assertThat(paid.path("fundingMode").asText()).isEqualTo("TRANSFER");
        assertThat(contracts.epochAnchoredLogCount(epoch)).isEqualTo(1);
        List<String> paidAccounts = contracts.payoutPaidLogs(epoch).stream()
                .map(log -> log.account.toLowerCase()).toList();
        assertThat(paidAccounts).containsExactlyInAnyOrderElementsOf(providers.stream().map(String::toLowerCase).toList());
        for (String provider : providers) {
            assertThat(contracts.balanceOf(provider)).as(provider).isEqualTo(owed.get(provider));
        }
        assertThat(contracts.balanceOf(contracts.distributor().getContractAddress())).isZero();
        assertThat(contracts.balanceOf(signer.getAddress())).isEqualTo(TREASURY.subtract(total));
        // Anchor, funding (the signer's one approve of the distributor, then fundEpoch) and three batches:
        // six transactions, not one more.
        assertThat(minedNonces() - noncesBefore).isEqualTo(6);
        assertThat(intentStatus("push-epoch-" + epoch + "-batch-3")).isEqualTo("CONFIRMED");
        assertThat(api.get(OPERATOR, "/v1/settlement/chain/intents/push-epoch-" + epoch + "-batch-4").code())
                .isEqualTo("CHAIN_INTENT_NOT_FOUND");

        // The operator's command-line check agrees: the ledger and the chain match.
        LedgerProcess.Result reconcile = ledger.runCommand("reconcile");
        assertThat(reconcile.exitCode()).as(reconcile.output()).isZero();
        assertThat(reconcile.output()).contains("\"ok\" : true");
    }

    // ---- the ledger process, through HTTP

    private static Response post(String path) {
        return api.post(OPERATOR, path, "{}");
    }

    private static String openLease(String key, String payoutAddress) {
        String leaseId = Leases.uniqueId("crash");
        String body = Leases.open(leaseId, "prov-c", "tenant-c", 8, "2100000", 500, "2026-10-01T00:00:00Z", null)
                .replace(Leases.PAYOUT_ADDRESS, payoutAddress);
        Response opened = api.post(key, "/v1/leases", body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return leaseId;
    }

    private static BigInteger usage(String key, String leaseId, long gpuSeconds) {
        Response response = api.post(key, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", gpuSeconds));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new BigInteger(response.json().path("providerUnits").asText());
    }

    private static long closeEpoch() {
        Response closed = post("/v1/settlement/epochs");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        long epoch = closed.json().path("epoch").asLong();
        await().atMost(PATIENCE).until(() -> api.get(OPERATOR, "/v1/settlement/epochs/" + epoch).status() == 200);
        return epoch;
    }

    private static JsonNode epoch(long epoch) {
        return api.get(OPERATOR, "/v1/settlement/epochs/" + epoch).json();
    }

    private static JsonNode awaitStatus(long epoch, String status) {
        await().atMost(PATIENCE).until(() -> status.equals(epoch(epoch).path("status").asText()));
        return epoch(epoch);
    }

    private static String intentStatus(String intentId) {
        return api.get(OPERATOR, "/v1/settlement/chain/intents/" + intentId).json().path("status").asText();
    }

    private static void awaitIntent(String intentId, String status) {
        await().atMost(PATIENCE).until(() -> status.equals(intentStatus(intentId)));
    }

    // ---- the chain, read directly

    private static long minedNonces() {
        try {
            return anvil.web3j().ethGetTransactionCount(signer.getAddress(), DefaultBlockParameterName.LATEST).send()
                    .getTransactionCount().longValueExact();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
