package io.gpuledger.settlement;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.LedgerApplication;
import io.gpuledger.support.Api;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.Leases;
import io.gpuledger.support.NodeScripts;
import io.gpuledger.support.TestKeys;
import io.gpuledger.support.TestPostgres;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.crypto.Keys;

/**
 * Reward pools through the API on real PostgreSQL: a pool of each basis lands in the next epoch to
 * close, adds its shares to the payouts (provable with OpenZeppelin's library), is funded from the
 * treasury in a journal that still sums to zero, and a pool posted after a close lands in the next.
 * A database and context of its own: GPU_SECONDS pools split among every address with GPU-seconds in
 * the epoch, so no other test's usage may share its epochs.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RewardPoolsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    private int port;
    @Autowired
    private JdbcTemplate jdbc;
    private Api api;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestPostgres.Database db = TestPostgres.freshDatabase("reward_pools");
        registry.add("ledger.db.url", db::url);
        registry.add("ledger.db.user", db::user);
        registry.add("ledger.db.password", db::password);
        registry.add("ledger.bootstrap-keys", () -> TestKeys.BOOTSTRAP);
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void poolsOfBothBasesLandInTheNextEpochsPayoutsProofsAndJournalAndALaterPoolInTheEpochAfter() {
        String p1 = randomAddress();
        String p2 = randomAddress();
        String validator = randomAddress();
        String lease1 = open(p1);
        String lease2 = open(p2);
        BigInteger earned1 = usage(lease1, "r-1", 3_600);
        BigInteger earned2 = usage(lease2, "r-1", 1_200);

        // 1000 by weights 1 : 2 → 333.33 and 666.67: the unit left over to the larger remainder.
        String weighted = "{\"poolId\": \"tempo-1\", \"amountUnits\": \"1000\", \"weights\": [{\"account\": \""
                + p1.toLowerCase() + "\", \"weight\": \"1\"}, {\"account\": \"" + validator + "\", \"weight\": \"2\"}]}";
        Response posted = api.post(OPERATOR, "/v1/settlement/pools", weighted);
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        assertThat(posted.json().path("status").asText()).isEqualTo("PENDING");
        assertThat(posted.json().path("weights").get(0).path("account").asText()).isEqualTo(p1);
        Response again = api.post(OPERATOR, "/v1/settlement/pools", weighted);
        assertThat(again.status()).as("the same pool under a new Idempotency-Key").isEqualTo(200);
        Response conflict = api.post(OPERATOR, "/v1/settlement/pools", weighted.replace("\"1000\"", "\"999\""));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("POOL_CONFLICT");
        // 1001 by GPU-seconds 3600 : 1200 → 750.75 and 250.25: the unit to p1.
        Response bySeconds = api.post(OPERATOR, "/v1/settlement/pools",
                "{\"poolId\": \"week-48\", \"amountUnits\": \"1001\", \"basis\": \"GPU_SECONDS\"}");
        assertThat(bySeconds.status()).as(bySeconds.toString()).isEqualTo(201);

        long epoch = close();

        Map<String, BigInteger> paid = payouts(epoch);
        assertThat(paid).isEqualTo(Map.of(p1, earned1.add(units(333 + 751)), p2, earned2.add(units(250)),
                validator, units(667)));
        JsonNode view = api.get(OPERATOR, "/v1/settlement/epochs/" + epoch).json();
        assertThat(view.path("totalUnits").asText()).isEqualTo(earned1.add(earned2).add(units(2_001)).toString());
        assertThat(view.path("pools").findValuesAsText("poolId")).containsExactly("tempo-1", "week-48");
        assertThat(shares(epoch, "tempo-1")).isEqualTo(Map.of(p1, units(333), validator, units(667)));
        assertThat(shares(epoch, "week-48")).isEqualTo(Map.of(p1, units(751), p2, units(250)));
        assertProofsVerify(epoch, view.path("payoutRoot").asText(), paid);
        assertThat(api.get(AUDITOR, "/v1/settlement/pools/tempo-1").json().path("epoch").asLong()).isEqualTo(epoch);

        // Posted after the close: the next epoch pays it, whatever the validator earned before.
        api.post(OPERATOR, "/v1/settlement/pools", "{\"poolId\": \"tempo-2\", \"amountUnits\": \"50\", \"weights\": ["
                + "{\"account\": \"" + validator + "\", \"weight\": \"9\"}]}");
        long next = close();
        assertThat(payouts(next)).isEqualTo(Map.of(validator, units(50)));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode pool = api.get(AUDITOR, "/v1/settlement/pools/tempo-2").json();
            assertThat(pool.path("status").asText()).isEqualTo("SETTLED");
            assertThat(pool.path("epoch").asLong()).isEqualTo(next);
        });

        assertJournalFundsThePoolsFromTheTreasuryAndSumsToZero(validator);
    }

    @Test
    void aGpuSecondsPoolWaitsThroughAnEpochWithoutGpuSecondsAndLandsInTheNextThatHasThem() {
        String provider = randomAddress();
        String lease = open(provider);
        close();
        assertThat(api.post(OPERATOR, "/v1/settlement/pools",
                "{\"poolId\": \"quiet-week\", \"amountUnits\": \"77\", \"basis\": \"GPU_SECONDS\"}").status()).isEqualTo(201);

        long quiet = close();
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode pool = api.get(AUDITOR, "/v1/settlement/pools/quiet-week").json();
            assertThat(pool.path("status").asText()).isEqualTo("PENDING");
            assertThat(pool.path("waitedThroughEpoch").asLong()).isEqualTo(quiet);
        });
        assertThat(api.get(OPERATOR, "/v1/settlement/epochs/" + quiet + "/payouts").json().path("payouts")).isEmpty();

        BigInteger earned = usage(lease, "r-1", 60);
        long busy = close();
        assertThat(payouts(busy)).isEqualTo(Map.of(provider, earned.add(units(77))));
        assertThat(shares(busy, "quiet-week")).isEqualTo(Map.of(provider, units(77)));
    }

    @Test
    void aPoolShareNetsAgainstTheNegativeAmountItsAddressCarries() {
        String provider = randomAddress();
        String lease = open(provider);
        BigInteger earned = usage(lease, "r-1", 3_600);
        assertThat(payouts(close())).isEqualTo(Map.of(provider, earned));
        Response voided = api.post(MARKETPLACE_A, "/v1/leases/" + lease + "/usage/r-1/void", "{\"reason\": \"metered twice\"}");
        assertThat(voided.status()).as(voided.toString()).isEqualTo(201);
        api.post(OPERATOR, "/v1/settlement/pools", "{\"poolId\": \"netted\", \"amountUnits\": \"1000\", \"weights\": ["
                + "{\"account\": \"" + provider + "\", \"weight\": \"1\"}]}");

        long epoch = close();

        assertThat(payouts(epoch)).doesNotContainKey(provider);
        JsonNode carried = api.get(OPERATOR, "/v1/settlement/epochs/" + epoch + "/payouts").json().path("carried");
        assertThat(carried).hasSize(1);
        assertThat(carried.get(0).path("account").asText()).isEqualTo(provider);
        assertThat(carried.get(0).path("carriedUnits").asText()).isEqualTo(units(1_000).subtract(earned).toString());
        assertThat(shares(epoch, "netted")).isEqualTo(Map.of(provider, units(1_000)));
    }

    @Test
    void aRefusedPoolAnswersItsCodeAndChangesNothing() {
        String account = randomAddress();
        Response refused = api.post(OPERATOR, "/v1/settlement/pools", "{\"poolId\": \"dup\", \"amountUnits\": \"5\","
                + " \"weights\": [{\"account\": \"" + account + "\", \"weight\": \"1\"}, {\"account\": \""
                + account.toLowerCase() + "\", \"weight\": \"1\"}]}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("POOL_DUPLICATE_ACCOUNT");
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("weights[1].account");
        assertThat(api.get(AUDITOR, "/v1/settlement/pools/dup").code()).isEqualTo("POOL_NOT_FOUND");
        assertThat(api.get(MARKETPLACE_A, "/v1/settlement/pools/dup").status()).isEqualTo(403);
    }

    private void assertJournalFundsThePoolsFromTheTreasuryAndSumsToZero(String validator) {
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode entries = api.get(AUDITOR, "/v1/accounts/payable:" + validator + "/entries").json();
            assertThat(entries.path("balanceUnits").asText()).isEqualTo("717");
            assertThat(entries.path("items").findValuesAsText("eventType"))
                    .containsExactly("RewardPoolsSettledEvent", "RewardPoolsSettledEvent");
            assertThat(api.get(AUDITOR, "/v1/audit/verify").json().path("sealedThrough").asLong()).isGreaterThanOrEqualTo(head);
        });
        JsonNode treasury = api.get(AUDITOR, "/v1/accounts/treasury/entries").json();
        List<String> pooled = new ArrayList<>();
        treasury.path("items").forEach(item -> {
            if (item.path("eventType").asText().equals("RewardPoolsSettledEvent")) {
                pooled.add(item.path("amountUnits").asText());
            }
        });
        assertThat(pooled).contains("-2001", "-50");
        JsonNode verdict = api.get(AUDITOR, "/v1/audit/verify").json();
        assertThat(verdict.path("ok").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(verdict.path("journalTotalUnits").asText()).isEqualTo("0");
        assertThat(api.get(AUDITOR, "/v1/accounts").json().path("totalUnits").asText()).isEqualTo("0");
    }

    /** Every payout's proof verifies under the epoch's root with OpenZeppelin's own library. */
    private void assertProofsVerify(long epoch, String root, Map<String, BigInteger> paid) {
        List<String> proofs = new ArrayList<>();
        paid.forEach((account, amount) -> {
            Response proof = api.get(OPERATOR, "/v1/settlement/epochs/" + epoch + "/payouts/" + account + "/proof");
            assertThat(proof.json().path("amountUnits").asText()).isEqualTo(amount.toString());
            proofs.add(proof.body());
        });
        String verified = NodeScripts.run("""
                import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
                const proofs = [%s];
                console.log(proofs.every(p => StandardMerkleTree.verify('%s', ['address', 'uint256'],
                    [p.account, p.amountUnits], p.proof)));
                """.formatted(String.join(",", proofs), root));
        assertThat(verified).isEqualTo("true");
    }

    private long close() {
        Response closed = api.post(OPERATOR, "/v1/settlement/epochs", "{}");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        long epoch = closed.json().path("epoch").asLong();
        await().atMost(PATIENCE).until(() -> api.get(OPERATOR, "/v1/settlement/epochs/" + epoch).status() == 200);
        return epoch;
    }

    private Map<String, BigInteger> payouts(long epoch) {
        Map<String, BigInteger> byAccount = new TreeMap<>();
        for (JsonNode payout : api.get(OPERATOR, "/v1/settlement/epochs/" + epoch + "/payouts").json().path("payouts")) {
            byAccount.put(payout.path("account").asText(), new BigInteger(payout.path("amountUnits").asText()));
        }
        return byAccount;
    }

    private Map<String, BigInteger> shares(long epoch, String poolId) {
        Response read = await().atMost(PATIENCE).until(() ->
                api.get(AUDITOR, "/v1/settlement/epochs/" + epoch + "/pools/" + poolId + "/shares"), r -> r.status() == 200);
        Map<String, BigInteger> byAccount = new TreeMap<>();
        read.json().path("shares").forEach(s -> byAccount.put(s.path("account").asText(),
                new BigInteger(s.path("shareUnits").asText())));
        return byAccount;
    }

    private String open(String payoutAddress) {
        String leaseId = Leases.uniqueId("pooled");
        String body = Leases.open(leaseId, "prov-p", "tenant-p", 8, "2100000", 500, "2026-10-01T00:00:00Z", null)
                .replace(Leases.PAYOUT_ADDRESS, payoutAddress);
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", body).status()).isEqualTo(201);
        return leaseId;
    }

    private BigInteger usage(String leaseId, String reportId, long gpuSeconds) {
        Response response = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage(reportId, "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", gpuSeconds));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new BigInteger(response.json().path("providerUnits").asText());
    }

    private static String randomAddress() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Keys.toChecksumAddress("0x" + HexFormat.of().formatHex(bytes));
    }

    private static BigInteger units(long units) {
        return BigInteger.valueOf(units);
    }
}
