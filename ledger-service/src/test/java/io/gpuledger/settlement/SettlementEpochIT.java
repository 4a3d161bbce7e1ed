package io.gpuledger.settlement;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MARKETPLACE_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.SettlementIT;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.tuples.generated.Tuple3;

/** Epochs through HTTP, from usage in two marketplaces to token balances on a real chain. */
class SettlementEpochIT extends SettlementIT {

    @Test
    void anEpochOfTwoMarketplacesIsPaidOnChainToTheUnitAndALaterCloseOnlyPaysTheDifference() throws Exception {
        List<String> providers = List.of(freshAddress(), freshAddress(), freshAddress(), freshAddress(), freshAddress());
        // The second provider works in both marketplaces: one payout address, one payout per epoch.
        String a0 = openLease(MARKETPLACE_A, providers.get(0));
        String a1 = openLease(MARKETPLACE_A, providers.get(1));
        String b1 = openLease(MARKETPLACE_B, providers.get(1));
        String b2 = openLease(MARKETPLACE_B, providers.get(2));
        String b3 = openLease(MARKETPLACE_B, providers.get(3));
        String a4 = openLease(MARKETPLACE_A, providers.get(4));
        Map<String, BigInteger> owed = new HashMap<>();
        owed.merge(providers.get(0), usage(MARKETPLACE_A, a0, "r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28_800), BigInteger::add);
        owed.merge(providers.get(1), usage(MARKETPLACE_A, a1, "r-1", "2026-11-01T00:00:00Z", "2026-11-01T00:20:00Z", 1_001), BigInteger::add);
        owed.merge(providers.get(1), usage(MARKETPLACE_B, b1, "r-1", "2026-11-01T00:00:00Z", "2026-11-01T00:10:00Z", 333), BigInteger::add);
        owed.merge(providers.get(2), usage(MARKETPLACE_B, b2, "r-1", "2026-11-01T00:00:00Z", "2026-11-01T02:00:00Z", 57_599), BigInteger::add);
        owed.merge(providers.get(3), usage(MARKETPLACE_B, b3, "r-1", "2026-11-01T00:00:00Z", "2026-11-01T00:00:07Z", 7), BigInteger::add);
        owed.merge(providers.get(4), usage(MARKETPLACE_A, a4, "r-1", "2026-11-01T00:00:00Z", "2026-11-01T03:00:00Z", 86_399), BigInteger::add);

        long epoch = closeEpoch();
        assertThat(payouts(epoch)).isEqualTo(owed);

        Response anchoring = anchor(epoch);
        assertThat(anchoring.status()).as(anchoring.toString()).isEqualTo(202);
        JsonNode anchored = awaitStatus(epoch, "ANCHORED");
        Tuple3<byte[], BigInteger, BigInteger> onChain = contracts.anchor().epochs(BigInteger.valueOf(epoch)).send();
        assertThat(org.web3j.utils.Numeric.toHexString(onChain.component1())).isEqualTo(anchored.path("payoutRoot").asText());
        assertThat(onChain.component2()).isEqualTo(new BigInteger(anchored.path("totalUnits").asText()));
        assertThat(anchored.path("anchorTxHash").asText()).startsWith("0x");
        assertThat(anchored.path("anchorBlock").asLong()).isPositive();

        Response pushing = push(epoch);
        assertThat(pushing.status()).as(pushing.toString()).isEqualTo(202);
        JsonNode paid = awaitStatus(epoch, "PAID");
        assertThat(paid.path("fundingMode").asText()).isEqualTo("MINT");
        assertThat(paid.path("pushBatchSize").asInt()).isEqualTo(3);
        assertThat(paid.path("pushBatchCount").asInt()).isEqualTo(2);
        assertThat(paid.path("paidAt").asText()).isNotEmpty();
        for (String provider : providers) {
            assertThat(tokenBalance(provider)).as("balance of " + provider).isEqualTo(owed.get(provider));
        }
        assertThat(payoutList(epoch)).allSatisfy(payout -> {
            assertThat(payout.path("status").asText()).isEqualTo("CONFIRMED");
            assertThat(payout.path("txHash").asText()).startsWith("0x");
        });
        assertThat(payoutPaidLogs(epoch)).hasSize(providers.size());
        assertThat(epochAnchoredLogCount(epoch)).isEqualTo(1);

        // Usage accepted after the close, whatever its period, is the next epoch's; it pays only that.
        BigInteger late0 = usage(MARKETPLACE_A, a0, "r-0", "2026-10-31T23:00:00Z", "2026-11-01T00:00:00Z", 3_601);
        BigInteger late2 = usage(MARKETPLACE_B, b2, "r-2", "2026-11-01T02:00:00Z", "2026-11-01T02:30:00Z", 999);
        long next = closeEpoch();
        assertThat(payouts(next)).isEqualTo(Map.of(providers.get(0), late0, providers.get(2), late2));

        assertThat(push(next).status()).as("a push before anchoring anchors first").isEqualTo(202);
        awaitStatus(next, "PAID");
        assertThat(tokenBalance(providers.get(0))).isEqualTo(owed.get(providers.get(0)).add(late0));
        assertThat(tokenBalance(providers.get(2))).isEqualTo(owed.get(providers.get(2)).add(late2));
        assertThat(tokenBalance(providers.get(1))).isEqualTo(owed.get(providers.get(1)));
        assertThat(tokenBalance(contracts.distributor().getContractAddress())).isZero();

        JsonNode verdict = api.get(AUDITOR, "/v1/audit/verify").json();
        assertThat(verdict.path("ok").asBoolean()).as(verdict.toString()).isTrue();
    }
}
