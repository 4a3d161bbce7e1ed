package io.gpuledger.support;

import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.LedgerApplication;
import io.gpuledger.contracts.generated.PayoutDistributor;
import io.gpuledger.support.Api.Response;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * Base of the settlement epoch tests: the whole ledger on its own database (so that epoch numbers
 * and chain intents are this class's alone) and its own anvil, where the settlement contracts are
 * deployed by a test admin that hands the operator role and the token to the ledger's signer, a
 * fresh random key. One confirmation and automine: each step is final as soon as it is mined.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {
        "ledger.chain.confirmations=1",
        "ledger.chain.poll-interval=50ms",
        "ledger.chain.max-poll-interval=200ms",
        "ledger.chain.stuck-after=60s",
        "ledger.settlement.driver-interval=PT0.1S",
        "ledger.settlement.funding=mint",
        "ledger.settlement.push-batch-size=3",
})
public abstract class SettlementIT {

    protected static Anvil anvil;
    protected static SettlementContracts contracts;
    protected static Credentials ledgerSigner;

    @LocalServerPort
    protected int port;
    protected Api api;

    @DynamicPropertySource
    static void settlementProperties(DynamicPropertyRegistry registry) {
        TestPostgres.Database db = TestPostgres.freshDatabase("settlement");
        // Persistent, so that a test can stop the node and start it again with its chain.
        anvil = Anvil.start(true);
        contracts = SettlementContracts.deploy(anvil);
        ledgerSigner = anvil.fundedAccount(100);
        contracts.handOverTo(ledgerSigner.getAddress(), true);
        registry.add("ledger.db.url", db::url);
        registry.add("ledger.db.user", db::user);
        registry.add("ledger.db.password", db::password);
        registry.add("ledger.bootstrap-keys", () -> TestKeys.BOOTSTRAP);
        registry.add("ledger.chain.rpc-url", anvil::rpcUrl);
        registry.add("ledger.chain.chain-id", contracts::chainId);
        registry.add("ledger.chain.signer-key",
                () -> Numeric.toHexStringNoPrefixZeroPadded(ledgerSigner.getEcKeyPair().getPrivateKey(), 64));
        registry.add("ledger.chain.token-address", () -> contracts.token().getContractAddress());
        registry.add("ledger.chain.anchor-address", () -> contracts.anchor().getContractAddress());
        registry.add("ledger.chain.distributor-address", () -> contracts.distributor().getContractAddress());
    }

    @AfterAll
    static void stopAnvil() {
        if (anvil != null) {
            anvil.close();
        }
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    protected static Duration patience() {
        return Duration.ofSeconds(60);
    }

    /** A fresh random address: what arrives there is what the ledger paid. */
    protected static String freshAddress() {
        byte[] bytes = new byte[20];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(bytes);
        return org.web3j.crypto.Keys.toChecksumAddress(Numeric.toHexString(bytes));
    }

    // ---- the ledger, through HTTP

    /** Opens a lease in the key's marketplace paying {@code payoutAddress}; answers its id. */
    protected String openLease(String key, String payoutAddress) {
        String leaseId = Leases.uniqueId("settle");
        String body = Leases.open(leaseId, "prov-s", "tenant-s", 8, "2100000", 500, "2026-10-01T00:00:00Z", null)
                .replace(Leases.PAYOUT_ADDRESS, payoutAddress);
        Response opened = api.post(key, "/v1/leases", body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return leaseId;
    }

    /** Records usage and answers the provider units it earned. */
    protected BigInteger usage(String key, String leaseId, String reportId, String start, String end, long seconds) {
        Response response = api.post(key, "/v1/leases/" + leaseId + "/usage", Leases.usage(reportId, start, end, seconds));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new BigInteger(response.json().path("providerUnits").asText());
    }

    protected long closeEpoch() {
        Response closed = api.post(OPERATOR, "/v1/settlement/epochs", "{}");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        long epoch = closed.json().path("epoch").asLong();
        await().atMost(patience()).until(() -> api.get(OPERATOR, "/v1/settlement/epochs/" + epoch).status() == 200);
        return epoch;
    }

    protected Response anchor(long epoch) {
        return api.post(OPERATOR, "/v1/settlement/epochs/" + epoch + "/anchor", "");
    }

    protected Response push(long epoch) {
        return api.post(OPERATOR, "/v1/settlement/epochs/" + epoch + "/payouts:push", "{}");
    }

    protected JsonNode epoch(long epoch) {
        return api.get(OPERATOR, "/v1/settlement/epochs/" + epoch).json();
    }

    protected JsonNode awaitStatus(long epoch, String status) {
        await().atMost(patience()).until(() -> status.equals(epoch(epoch).path("status").asText()));
        return epoch(epoch);
    }

    /** The epoch's payouts as the ledger serves them: account to amount, and account to status. */
    protected Map<String, BigInteger> payouts(long epoch) {
        Map<String, BigInteger> byAccount = new LinkedHashMap<>();
        for (JsonNode payout : payoutList(epoch)) {
            byAccount.put(payout.path("account").asText(), new BigInteger(payout.path("amountUnits").asText()));
        }
        return byAccount;
    }

    protected List<JsonNode> payoutList(long epoch) {
        List<JsonNode> payouts = new ArrayList<>();
        api.get(OPERATOR, "/v1/settlement/epochs/" + epoch + "/payouts").json().path("payouts").forEach(payouts::add);
        return payouts;
    }

    // ---- the chain, read directly

    protected static BigInteger tokenBalance(String account) {
        return contracts.balanceOf(account);
    }

    /** Every PayoutPaid log of the distributor for the epoch: account (lower case) and whether pushed. */
    protected static List<PayoutDistributor.PayoutPaidEventResponse> payoutPaidLogs(long epoch) {
        return contracts.payoutPaidLogs(epoch);
    }

    /** How many EpochAnchored logs the anchor contract holds for the epoch. */
    protected static int epochAnchoredLogCount(long epoch) {
        return contracts.epochAnchoredLogCount(epoch);
    }

}
