package io.gpuledger.settlement;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MARKETPLACE_B;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import io.gpuledger.support.NodeScripts;
import io.gpuledger.support.TestKeys;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;

/**
 * A provider reads its own payout and the proof to claim it, and nothing of any other address; a
 * marketplace reads the payouts of its own leases' payout addresses only.
 */
class ProviderPayoutsIT extends LedgerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aProviderReadsItsOwnPayoutLineAndAProofThatVerifiesAgainstTheEpochRoot() throws Exception {
        String provider = Keys.toChecksumAddress(TestKeys.PROVIDER_ADDRESS);
        String otherOfA = randomAddress();
        String ofB = randomAddress();
        settle(MARKETPLACE_A, provider, 3_600);
        settle(MARKETPLACE_A, otherOfA, 7_200);
        settle(MARKETPLACE_B, ofB, 1_800);
        long epoch = api.post(OPERATOR, "/v1/settlement/epochs", "{}").json().path("epoch").asLong();
        String root = await().atMost(Duration.ofSeconds(30)).until(() -> {
            Response read = api.get(AUDITOR, "/v1/settlement/epochs/" + epoch);
            return read.status() == 200 ? read.json().path("payoutRoot").asText() : null;
        }, r -> r != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> accounts(api.get(AUDITOR, payouts(epoch))).size() >= 3);

        Response own = api.get(TestKeys.PROVIDER, payouts(epoch));
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(accounts(own)).containsExactly(provider);
        assertThat(own.body()).doesNotContain(otherOfA).doesNotContain(ofB).doesNotContain(ofB.toLowerCase());

        Response proof = api.get(TestKeys.PROVIDER, payouts(epoch) + "/" + provider.toLowerCase() + "/proof");
        assertThat(proof.status()).as(proof.toString()).isEqualTo(200);
        assertThat(proof.json().path("root").asText()).isEqualTo(root);
        String verified = NodeScripts.run("""
                import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
                const p = %s;
                console.log(StandardMerkleTree.verify('%s', ['address', 'uint256'], [p.account, p.amountUnits], p.proof));
                """.formatted(proof.body(), root));
        assertThat(verified).isEqualTo("true");

        for (String notOwn : List.of(otherOfA, ofB)) {
            Response refused = api.get(TestKeys.PROVIDER, payouts(epoch) + "/" + notOwn + "/proof");
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.code()).isEqualTo("PAYOUT_NOT_FOUND");
        }
        assertThat(api.get(TestKeys.PROVIDER, "/v1/settlement/epochs/" + epoch).status()).isEqualTo(403);
    }

    @Test
    void aMarketplaceReadsThePayoutsAndProofsOfItsOwnLeasesAddressesOnly() {
        String ofA = randomAddress();
        String ofB = randomAddress();
        settle(MARKETPLACE_A, ofA, 3_600);
        settle(MARKETPLACE_B, ofB, 3_600);
        long epoch = api.post(OPERATOR, "/v1/settlement/epochs", "{}").json().path("epoch").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> accounts(api.get(AUDITOR, payouts(epoch))).containsAll(
                List.of(ofA, ofB)));

        Response seenByA = api.get(MARKETPLACE_A, payouts(epoch));
        assertThat(accounts(seenByA)).contains(ofA).doesNotContain(ofB);
        assertThat(seenByA.body()).doesNotContain(ofB.toLowerCase());
        assertThat(api.get(MARKETPLACE_A, payouts(epoch) + "/" + ofA + "/proof").status()).isEqualTo(200);
        assertThat(api.get(MARKETPLACE_A, payouts(epoch) + "/" + ofB + "/proof").code()).isEqualTo("PAYOUT_NOT_FOUND");
        assertThat(accounts(api.get(MARKETPLACE_B, payouts(epoch)))).contains(ofB).doesNotContain(ofA);
    }

    @Test
    void aProviderKeyIsMadeForAPayoutAddressAndKeptChecksummed() {
        String address = randomAddress();
        Response made = api.post(OPERATOR, "/v1/keys", "{\"marketplaceId\": \"" + address.toLowerCase()
                + "\", \"role\": \"PROVIDER\"}");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        assertThat(made.json().path("key").asText()).startsWith("prv_");
        assertThat(made.json().path("marketplaceId").asText()).isEqualTo(address);
        Response notAnAddress = api.post(OPERATOR, "/v1/keys", "{\"marketplaceId\": \"mkt-a\", \"role\": \"PROVIDER\"}");
        assertThat(notAnAddress.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(notAnAddress.json().path("errors").get(0).path("field").asText()).isEqualTo("marketplaceId");
    }

    private void settle(String marketplaceKey, String payoutAddress, long gpuSeconds) {
        String leaseId = Leases.uniqueId("payouts");
        Response opened = api.post(marketplaceKey, "/v1/leases", Leases.open(leaseId).replace(Leases.PAYOUT_ADDRESS,
                payoutAddress));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        Response usage = api.post(marketplaceKey, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-02T00:00:00Z", "2026-11-02T01:00:00Z", gpuSeconds));
        assertThat(usage.status()).as(usage.toString()).isEqualTo(201);
    }

    private static String payouts(long epoch) {
        return "/v1/settlement/epochs/" + epoch + "/payouts";
    }

    private static List<String> accounts(Response payouts) {
        return StreamSupport.stream(payouts.json().path("payouts").spliterator(), false)
                .map(p -> p.path("account").asText()).toList();
    }

    private static String randomAddress() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Keys.toChecksumAddress("0x" + HexFormat.of().formatHex(bytes));
    }
}
