package io.gpuledger.settlement;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MARKETPLACE_B;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.gpuledger.platform.LedgerTransactions;
import io.gpuledger.settlement.api.RecordPayoutClaimedCommand;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.NodeScripts;
import io.gpuledger.support.PayoutEpoch;
import io.gpuledger.support.SettlementIT;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.utils.Numeric;

/** Epochs through HTTP, from usage in two marketplaces to token balances on a real chain. */
class SettlementEpochIT extends SettlementIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CommandGateway commands;
    @Autowired
    LedgerTransactions transactions;
    @Autowired
    JdbcTemplate jdbc;

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
        byte[] onChainRoot = contracts.anchor().payoutRoot(BigInteger.valueOf(epoch)).send();
        assertThat(Numeric.toHexString(onChainRoot)).isEqualTo(anchored.path("payoutRoot").asText());
        assertThat(contracts.anchor().isAnchored(BigInteger.valueOf(epoch)).send()).isTrue();
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

    @Test
    void theServedRootAndProofsCheckWithOpenZeppelinAndAClaimWithOneIsPickedUpAndSkippedByThePush() throws Exception {
        List<String> providers = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String provider = freshAddress();
            providers.add(provider);
            usage(MARKETPLACE_A, openLease(MARKETPLACE_A, provider), "r-1", "2026-11-02T00:00:00Z",
                    "2026-11-02T01:00:00Z", 1_000 + 997L * i);
        }
        long epoch = closeEpoch();
        assertThat(anchor(epoch).status()).isEqualTo(202);
        awaitStatus(epoch, "ANCHORED");
        await().atMost(patience()).until(() -> epoch(epoch).hasNonNull("fundedAt"));

        // The root from all payouts, and the proofs of a sample, checked with OpenZeppelin's own library.
        String root = epoch(epoch).path("payoutRoot").asText();
        ArrayNode values = JSON.createArrayNode();
        payoutList(epoch).forEach(p -> values.add(JSON.createArrayNode().add(p.path("account").asText())
                .add(p.path("amountUnits").asText())));
        ArrayNode proofs = JSON.createArrayNode();
        for (String provider : List.of(providers.get(0), providers.get(3), providers.get(6))) {
            proofs.add(api.get(AUDITOR, "/v1/settlement/epochs/" + epoch + "/payouts/" + provider + "/proof").json());
        }
        String checked = NodeScripts.run("""
                import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
                const tree = StandardMerkleTree.of(%s, ['address', 'uint256']);
                const proofs = %s;
                console.log(JSON.stringify({ root: tree.root, verified: proofs.map(p =>
                  p.root === tree.root && StandardMerkleTree.verify(p.root, ['address', 'uint256'], [p.account, p.amountUnits], p.proof)) }));
                """.formatted(values, proofs));
        JsonNode verdict = JSON.readTree(checked);
        assertThat(verdict.path("root").asText()).isEqualTo(root);
        assertThat(verdict.path("verified")).hasSize(3).allSatisfy(v -> assertThat(v.asBoolean()).isTrue());

        // A provider claims on-chain with the served proof, sent by someone else: the ledger picks it up.
        String claimer = providers.get(3);
        JsonNode proof = proofs.get(1);
        List<byte[]> path = new ArrayList<>();
        proof.path("proof").forEach(node -> path.add(Numeric.hexStringToByteArray(node.asText())));
        BigInteger amount = new BigInteger(proof.path("amountUnits").asText());
        TransactionReceipt claim = contracts.distributorAs(anvil.fundedAccount(1))
                .claim(BigInteger.valueOf(epoch), claimer, amount, path).send();
        await().atMost(patience()).untilAsserted(() -> assertThat(payoutList(epoch)).anySatisfy(p -> {
            assertThat(p.path("account").asText()).isEqualTo(claimer);
            assertThat(p.path("status").asText()).isEqualTo("CLAIMED");
            assertThat(p.path("txHash").asText()).isEqualTo(claim.getTransactionHash());
        }));

        assertThat(push(epoch).status()).isEqualTo(202);
        awaitStatus(epoch, "PAID");
        assertThat(tokenBalance(claimer)).isEqualTo(amount);
        assertThat(payoutPaidLogs(epoch)).hasSize(providers.size())
                .filteredOn(log -> log.account.equalsIgnoreCase(claimer))
                .singleElement().satisfies(log -> assertThat(log.pushed).isFalse());
        Map<String, BigInteger> owed = payouts(epoch);
        for (String provider : providers) {
            assertThat(tokenBalance(provider)).isEqualTo(owed.get(provider));
        }
        assertThat(payoutList(epoch)).filteredOn(p -> !p.path("account").asText().equals(claimer))
                .allSatisfy(p -> assertThat(p.path("status").asText()).isEqualTo("CONFIRMED"));
    }

    @Test
    void anchorAndPushCalledManyTimesAtOnceAnchorOnceAndPayEachAccountOnce() throws Exception {
        List<String> providers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String provider = freshAddress();
            providers.add(provider);
            usage(MARKETPLACE_B, openLease(MARKETPLACE_B, provider), "r-1", "2026-11-03T00:00:00Z",
                    "2026-11-03T01:00:00Z", 3_600 + 11L * i);
        }
        long epoch = closeEpoch();
        Map<String, BigInteger> owed = payouts(epoch);

        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                boolean anchorCall = i % 2 == 0;
                // A third of the calls reuse one key per route, as a client retrying a timed-out request would.
                String key = i % 3 == 0 ? (anchorCall ? "anchor-retry-" : "push-retry-") + epoch : UUID.randomUUID().toString();
                String path = "/v1/settlement/epochs/" + epoch + (anchorCall ? "/anchor" : "/payouts:push");
                calls.add(callers.submit(() -> api.post(OPERATOR, path, key, "{}")));
            }
            for (Future<Response> call : calls) {
                Response response = call.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.toString()).isEqualTo(202);
            }
        } finally {
            callers.shutdownNow();
        }
        awaitStatus(epoch, "PAID");
        // Asked again after the fact: nothing new happens.
        assertThat(anchor(epoch).status()).isEqualTo(202);
        assertThat(push(epoch).status()).isEqualTo(202);

        assertThat(epochAnchoredLogCount(epoch)).isEqualTo(1);
        assertThat(payoutPaidLogs(epoch)).extracting(log -> log.account.toLowerCase())
                .containsExactlyInAnyOrderElementsOf(providers.stream().map(String::toLowerCase).toList());
        for (String provider : providers) {
            assertThat(tokenBalance(provider)).isEqualTo(owed.get(provider));
        }
        for (String intent : List.of("anchor-epoch-" + epoch, "fund-epoch-" + epoch, "push-epoch-" + epoch + "-batch-1",
                "push-epoch-" + epoch + "-batch-2")) {
            assertThat(api.get(OPERATOR, "/v1/settlement/chain/intents/" + intent).json().path("status").asText())
                    .as(intent).isEqualTo("CONFIRMED");
        }
        for (String intent : List.of("anchor-epoch-" + epoch + "-attempt-2", "push-epoch-" + epoch + "-batch-3")) {
            assertThat(api.get(OPERATOR, "/v1/settlement/chain/intents/" + intent).code()).isEqualTo("CHAIN_INTENT_NOT_FOUND");
        }
    }

    @Test
    void onlyOperatorsStartAnEpochsProcessAndAnUnknownEpochIsNotFound() {
        assertThat(api.post(AUDITOR, "/v1/settlement/epochs/1/anchor", "{}").code()).isEqualTo("FORBIDDEN");
        assertThat(api.post(MARKETPLACE_A, "/v1/settlement/epochs/1/payouts:push", "{}").code()).isEqualTo("FORBIDDEN");
        assertThat(api.post(OPERATOR, "/v1/settlement/epochs/999999/anchor", "{}").code()).isEqualTo("EPOCH_NOT_FOUND");
        assertThat(api.post(OPERATOR, "/v1/settlement/epochs/1/anchor", "{\"batchSize\": 3}").code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api.get(null, "/v3/api-docs").body()).contains("/v1/settlement/epochs/{epoch}/anchor",
                "/v1/settlement/epochs/{epoch}/payouts:push", "/v1/settlement/reconciliation");
    }

    @Test
    void reconciliationFindsAPayoutMadeBehindTheLedgersBackAndAPayoutTheChainNeverMade() throws Exception {
        List<String> providers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String provider = freshAddress();
            providers.add(provider);
            usage(MARKETPLACE_A, openLease(MARKETPLACE_A, provider), "r-1", "2026-11-04T00:00:00Z",
                    "2026-11-04T01:00:00Z", 7_200 + i);
        }
        long epoch = closeEpoch();
        assertThat(anchor(epoch).status()).isEqualTo(202);
        await().atMost(patience()).until(() -> epoch(epoch).hasNonNull("fundedAt"));
        assertThat(differencesOf(epoch)).isEmpty();

        // Someone holding the distributor's operator role pushes 1,000 units of the epoch to a stranger.
        // (A low address, so that the push cursor stays below the epoch's real accounts.)
        String stranger = "0x0000000000000000000000000000000000001234";
        TransactionReceipt behindTheBack = contracts.distributor().pushPayouts(BigInteger.valueOf(epoch),
                PayoutEpoch.packed(List.of(stranger), List.of(BigInteger.valueOf(1_000)))).send();
        // And the ledger comes to hold a claim the chain never saw, as a bug or a forged record would leave it.
        String forgedTx = "0x" + "0f".repeat(32);
        BigInteger owed = payouts(epoch).get(providers.get(1));
        transactions.inTransaction(() -> commands.sendAndWait(
                new RecordPayoutClaimedCommand(epoch, providers.get(1), owed, forgedTx, 1)));
        await().atMost(patience()).until(() -> payoutList(epoch).stream()
                .anyMatch(p -> p.path("status").asText().equals("CLAIMED")));

        JsonNode report = api.get(OPERATOR, "/v1/settlement/reconciliation").json();
        assertThat(report.path("ok").asBoolean()).isFalse();
        List<JsonNode> differences = differencesOf(epoch);
        assertThat(differences).hasSize(2);
        assertThat(differences).anySatisfy(d -> {
            assertThat(d.path("kind").asText()).isEqualTo("UNEXPLAINED");
            assertThat(d.path("account").asText()).isEqualToIgnoringCase(stranger);
            assertThat(d.path("amountUnits").asText()).isEqualTo("1000");
            assertThat(d.path("txHash").asText()).isEqualTo(behindTheBack.getTransactionHash());
        });
        assertThat(differences).anySatisfy(d -> {
            assertThat(d.path("kind").asText()).isEqualTo("MISSING");
            assertThat(d.path("account").asText()).isEqualTo(providers.get(1));
            assertThat(d.path("amountUnits").asText()).isEqualTo(owed.toString());
            assertThat(d.path("txHash").asText()).isEqualTo(forgedTx);
        });
        assertThat(report.path("tokensOutOfDistributorUnits").asText()).isEqualTo(report.path("chainPaidUnits").asText());
        assertThat(new BigInteger(report.path("distributorBalanceUnits").asText())).isEqualTo(
                new BigInteger(report.path("ledgerFundedUnits").asText())
                        .subtract(new BigInteger(report.path("tokensOutOfDistributorUnits").asText())));
        assertThat(api.get(MARKETPLACE_A, "/v1/settlement/reconciliation").code()).isEqualTo("FORBIDDEN");
    }

    @Test
    void verificationNamesAnEpochTheLedgerCallsAnchoredThatTheChainDoesNotHold() {
        usage(MARKETPLACE_B, openLease(MARKETPLACE_B, freshAddress()), "r-1", "2026-11-05T00:00:00Z",
                "2026-11-05T01:00:00Z", 3_600);
        long epoch = closeEpoch();
        jdbc.update("UPDATE epoch_view SET status = 'ANCHORED', anchor_block = 1 WHERE epoch = ?", epoch);
        try {
            JsonNode verdict = api.get(AUDITOR, "/v1/audit/verify").json();
            assertThat(verdict.path("ok").asBoolean()).isFalse();
            assertThat(verdict.path("epoch").asLong()).isEqualTo(epoch);
            assertThat(verdict.path("reason").asText()).contains("anchor contract holds no such epoch");
        } finally {
            jdbc.update("UPDATE epoch_view SET status = 'CLOSED', anchor_block = NULL WHERE epoch = ?", epoch);
        }
    }

    @Test
    void anEpochWithoutPayoutsIsPaidAsSoonAsItIsAnchored() {
        closeEpoch();
        long empty = closeEpoch();
        assertThat(epoch(empty).path("payoutCount").asInt()).isZero();

        assertThat(anchor(empty).status()).isEqualTo(202);
        JsonNode paid = awaitStatus(empty, "PAID");

        assertThat(paid.path("totalUnits").asText()).isEqualTo("0");
        assertThat(paid.path("anchorTxHash").asText()).startsWith("0x");
        assertThat(epochAnchoredLogCount(empty)).isEqualTo(1);
        assertThat(api.get(OPERATOR, "/v1/settlement/chain/intents/fund-epoch-" + empty).code())
                .as("nothing to fund").isEqualTo("CHAIN_INTENT_NOT_FOUND");
    }

    @Test
    void aRevertedAnchorWaitsForTheOperatorAndAnotherCallRetriesItUnderItsNextIntent() throws Exception {
        String provider = freshAddress();
        BigInteger owed = usage(MARKETPLACE_A, openLease(MARKETPLACE_A, provider), "r-1", "2026-11-06T00:00:00Z",
                "2026-11-06T01:00:00Z", 1_800);
        long epoch = closeEpoch();
        byte[] operatorRole = contracts.anchor().OPERATOR_ROLE().send();
        contracts.anchor().revokeRole(operatorRole, ledgerSigner.getAddress()).send();
        try {
            assertThat(push(epoch).status()).isEqualTo(202);
            await().atMost(patience()).until(() -> "FAILED".equals(step(epoch, "anchor").path("status").asText()));
            assertThat(step(epoch, "anchor").path("failure").asText()).startsWith("REVERTED");
            assertThat(differencesOf(epoch)).singleElement()
                    .satisfies(d -> assertThat(d.path("kind").asText()).isEqualTo("STUCK"));
            assertThat(epoch(epoch).path("status").asText()).isEqualTo("CLOSED");
        } finally {
            contracts.anchor().grantRole(operatorRole, ledgerSigner.getAddress()).send();
        }

        assertThat(push(epoch).status()).isEqualTo(202);
        awaitStatus(epoch, "PAID");
        assertThat(step(epoch, "anchor").path("attempt").asInt()).isEqualTo(2);
        assertThat(step(epoch, "anchor").path("intentId").asText()).isEqualTo("anchor-epoch-" + epoch + "-attempt-2");
        assertThat(api.get(OPERATOR, "/v1/settlement/chain/intents/anchor-epoch-" + epoch).json().path("status").asText())
                .isEqualTo("REVERTED");
        assertThat(epochAnchoredLogCount(epoch)).isEqualTo(1);
        assertThat(tokenBalance(provider)).isEqualTo(owed);
        assertThat(differencesOf(epoch)).isEmpty();
    }

    private JsonNode step(long epoch, String name) {
        for (JsonNode step : epoch(epoch).path("steps")) {
            if (step.path("step").asText().equals(name)) {
                return step;
            }
        }
        return JSON.createObjectNode();
    }

    private List<JsonNode> differencesOf(long epoch) {
        List<JsonNode> found = new ArrayList<>();
        api.get(OPERATOR, "/v1/settlement/reconciliation").json().path("differences").forEach(d -> {
            if (d.path("epoch").asLong() == epoch) {
                found.add(d);
            }
        });
        return found;
    }
}
