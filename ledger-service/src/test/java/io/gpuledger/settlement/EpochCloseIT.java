package io.gpuledger.settlement;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MARKETPLACE_B;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

class EpochCloseIT extends LedgerIT {

    @Test
    void closingAnEpochPaysEachAddressItsProviderUnitsAndALaterCloseOnlyTheDifference() throws Exception {
        String addressA = Keys.toChecksumAddress(Credentials.create(Keys.createEcKeyPair()).getAddress());
        String addressB = Keys.toChecksumAddress(Credentials.create(Keys.createEcKeyPair()).getAddress());
        String leaseA = open(MARKETPLACE_A, addressA);
        String leaseB = open(MARKETPLACE_B, addressB);
        String leaseA2 = open(MARKETPLACE_B, addressA);

        BigInteger a1 = usage(MARKETPLACE_A, leaseA, "r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28_800);
        BigInteger b1 = usage(MARKETPLACE_B, leaseB, "r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 1_001);
        BigInteger a2 = usage(MARKETPLACE_B, leaseA2, "r-1", "2026-11-01T00:00:00Z", "2026-11-01T00:10:00Z", 333);

        Response first = api.post(OPERATOR, "/v1/settlement/epochs", "{}");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        long epoch = first.json().path("epoch").asLong();
        Map<String, BigInteger> paid = payouts(epoch);
        assertThat(paid).containsEntry(addressA, a1.add(a2)).containsEntry(addressB, b1);

        // Usage accepted after the close belongs to the next epoch, whatever its period.
        BigInteger late = usage(MARKETPLACE_A, leaseA, "r-0", "2026-10-31T23:00:00Z", "2026-11-01T00:00:00Z", 100);
        Response second = api.post(OPERATOR, "/v1/settlement/epochs", "{}");
        assertThat(second.json().path("epoch").asLong()).isEqualTo(epoch + 1);
        assertThat(payouts(epoch + 1)).containsEntry(addressA, late).doesNotContainKey(addressB);
    }

    private Map<String, BigInteger> payouts(long epoch) {
        Map<String, BigInteger> byAccount = new HashMap<>();
        await().untilAsserted(() -> assertThat(api.get(OPERATOR, "/v1/settlement/epochs/" + epoch).status()).isEqualTo(200));
        for (JsonNode payout : api.get(OPERATOR, "/v1/settlement/epochs/" + epoch + "/payouts").json().path("payouts")) {
            byAccount.put(payout.path("account").asText(), new BigInteger(payout.path("amountUnits").asText()));
        }
        return byAccount;
    }

    private String open(String key, String payoutAddress) {
        String leaseId = Leases.uniqueId("settle");
        String body = Leases.open(leaseId, "prov-s", "tenant-s", 8, "2100000", 500, "2026-10-01T00:00:00Z", null)
                .replace(Leases.PAYOUT_ADDRESS, payoutAddress);
        assertThat(api.post(key, "/v1/leases", body).status()).isEqualTo(201);
        return leaseId;
    }

    private BigInteger usage(String key, String leaseId, String reportId, String start, String end, long seconds) {
        Response response = api.post(key, "/v1/leases/" + leaseId + "/usage", Leases.usage(reportId, start, end, seconds));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new BigInteger(response.json().path("providerUnits").asText());
    }
}
