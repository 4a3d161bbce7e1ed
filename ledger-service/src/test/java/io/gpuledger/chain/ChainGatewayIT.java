package io.gpuledger.chain;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.support.Api.Response;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.protocol.core.DefaultBlockParameterName;

class ChainGatewayIT extends IntentIT {

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void aTransferIsMinedThenConfirmedAtTheConfiguredDepth() {
        String to = freshAddress();
        String id = intentId("transfer");
        ChainIntent submitted = transfer(id, to, 1234);
        // The worker may have seen it mined already: automine puts it in a block as it arrives.
        assertThat(submitted.status()).isIn(IntentStatus.PENDING, IntentStatus.BROADCAST, IntentStatus.MINED);
        assertThat(gateway.attempts(id)).hasSize(1);

        ChainIntent mined = awaitStatus(id, IntentStatus.MINED);
        // Automine put it in a block of its own: one block deep, two are required.
        assertThat(mined.txHash()).isEqualTo(gateway.attempts(id).get(0).txHash());
        assertThat(mined.blockNumber()).isNotNull();

        anvil.mine(1);
        ChainIntent confirmed = awaitStatus(id, IntentStatus.CONFIRMED);
        assertThat(confirmed.txHash()).isEqualTo(mined.txHash());
        assertThat(confirmed.revertReason()).isNull();
        assertThat(balance(to)).isEqualTo(BigInteger.valueOf(1234));
    }

    @Test
    void submittingAnIntentAgainReturnsItAndSendsNothingMore() {
        String to = freshAddress();
        String id = intentId("again");
        ChainIntent first = transfer(id, to, 77);
        mineUntilFinal(id);
        long mined = minedNonces();

        ChainIntent again = transfer(id, to.toLowerCase(), 77);

        assertThat(again.intentId()).isEqualTo(first.intentId());
        assertThat(again.nonce()).isEqualTo(first.nonce());
        assertThat(again.status()).isEqualTo(IntentStatus.CONFIRMED);
        assertThat(gateway.attempts(id)).hasSize(1);
        assertThat(minedNonces()).isEqualTo(mined);
        assertThat(balance(to)).isEqualTo(BigInteger.valueOf(77));
    }

    @Test
    void anIntentOutlivesTheRollbackOfTheCallersTransaction() {
        String to = freshAddress();
        String id = intentId("inside-rollback");

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            transfer(id, to, 31);
            status.setRollbackOnly();
        });

        // Sent before the caller's transaction ended, so it must have been committed on its own.
        assertThat(gateway.intent(id)).isPresent();
        assertThat(mineUntilFinal(id).status()).isEqualTo(IntentStatus.CONFIRMED);
        assertThat(balance(to)).isEqualTo(BigInteger.valueOf(31));
    }

    @Test
    void cannotReuseAnIntentIdForAnotherTransaction() {
        String to = freshAddress();
        String id = intentId("reused");
        transfer(id, to, 5);

        assertThatThrownBy(() -> transfer(id, to, 6))
                .isInstanceOfSatisfying(LedgerRejection.class,
                        e -> assertThat(e.code()).isEqualTo(RejectionCode.CHAIN_INTENT_CONFLICT));
        assertThatThrownBy(() -> gateway.submit(id, to, BigInteger.valueOf(5), "0x01", BigInteger.valueOf(30_000)))
                .isInstanceOf(LedgerRejection.class);
        assertThat(gateway.attempts(id)).hasSize(1);
    }

    @Test
    void cannotSubmitMalformedTransactionsAndSpendsNoNonceOnThem() throws IOException {
        long next = pendingNonce();
        String to = freshAddress();

        assertThatThrownBy(() -> transfer(intentId("bad"), "0x1234", 1)).isInstanceOf(IllegalArgumentException.class);
        // EIP-55's own example address with the case of its last letter flipped.
        assertThatThrownBy(() -> transfer(intentId("bad"), "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checksum");
        assertThatThrownBy(() -> gateway.submit(intentId("bad"), to, BigInteger.ONE, "0x", BigInteger.valueOf(20_999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("21000");
        assertThatThrownBy(() -> gateway.submit(intentId("bad"), to, BigInteger.valueOf(-1), "0x", TRANSFER_GAS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gateway.submit("has space", to, BigInteger.ONE, "0x", TRANSFER_GAS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gateway.submit(intentId("bad"), to, BigInteger.ONE, "0xzz", TRANSFER_GAS))
                .isInstanceOf(IllegalArgumentException.class);

        String ok = intentId("after-bad");
        assertThat(transfer(ok, to, 1).nonce()).isEqualTo(next);
        mineUntilFinal(ok);
    }

    @Test
    void recordsARevertWithTheReasonTheContractGave() {
        String reverter = freshAddress();
        anvil.call("anvil_setCode", List.of(reverter, RevertingContract.RUNTIME));
        String id = intentId("revert");

        gateway.submit(id, reverter, BigInteger.ZERO, "0xdeadbeef", BigInteger.valueOf(100_000));
        ChainIntent finished = mineUntilFinal(id);

        assertThat(finished.status()).isEqualTo(IntentStatus.REVERTED);
        assertThat(finished.receiptOk()).isFalse();
        assertThat(finished.revertReason()).isEqualTo(RevertingContract.REASON);
        assertThat(finished.revertData()).startsWith("0x08c379a0");
        assertThat(receipt(finished.txHash())).hasValueSatisfying(r -> assertThat(r.isStatusOK()).isFalse());
    }

    @Test
    void recordsARevertWithACustomErrorsDataAsHexThoughItHoldsNulBytes() {
        String reverter = freshAddress();
        anvil.call("anvil_setCode", List.of(reverter, RevertingContract.CUSTOM_ERROR_RUNTIME));
        String id = intentId("custom-error");

        gateway.submit(id, reverter, BigInteger.ZERO, "0xdeadbeef", BigInteger.valueOf(100_000));
        ChainIntent finished = mineUntilFinal(id);

        assertThat(finished.status()).isEqualTo(IntentStatus.REVERTED);
        assertThat(finished.revertData()).isEqualTo(RevertingContract.CUSTOM_ERROR_DATA);
        assertThat(finished.revertReason()).isEqualTo("custom error " + RevertingContract.CUSTOM_ERROR_DATA.substring(0, 10));
        Response shown = api.get(OPERATOR, "/v1/settlement/chain/intents/" + id);
        assertThat(shown.json().path("revertData").asText()).isEqualTo(RevertingContract.CUSTOM_ERROR_DATA);
        assertThat(shown.json().path("status").asText()).isEqualTo("REVERTED");
    }

    @Test
    void aTransactionNoNodeTakesFailsAndAFillerTakesItsNonceSoLaterIntentsLand() {
        long minedBefore = minedNonces();
        String to = freshAddress();
        String id = intentId("too-much-gas");

        // Valid to sign, refused by every node: more gas than a block holds.
        ChainIntent submitted = gateway.submit(id, to, BigInteger.ONE, "0x", BigInteger.valueOf(40_000_000));
        ChainIntent failed = awaitStatus(id, IntentStatus.FAILED);
        assertThat(failed.failure()).containsIgnoringCase("gas");
        assertThat(failed.txHash()).isNull();

        ChainIntent filler = mineUntilFinal(Attempts.fillerId(failed));
        String later = intentId("after-failure");
        transfer(later, to, 2);
        ChainIntent landed = mineUntilFinal(later);

        assertThat(filler.status()).isEqualTo(IntentStatus.CONFIRMED);
        assertThat(filler.nonce()).isEqualTo(submitted.nonce());
        assertThat(filler.to()).isEqualTo(filler.signerAddress());
        assertThat(landed.status()).isEqualTo(IntentStatus.CONFIRMED);
        assertThat(landed.nonce()).isEqualTo(submitted.nonce() + 1);
        assertThat(minedNonces()).isEqualTo(minedBefore + 2);
        assertThat(balance(to)).isEqualTo(BigInteger.TWO);
    }

    @Test
    void concurrentIntentsOfOneSignerGetConsecutiveNoncesWithoutGaps() throws Exception {
        long first = pendingNonce();
        int count = 24;
        List<Callable<ChainIntent>> submissions = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String to = freshAddress();
            String id = intentId("concurrent-" + i);
            recipients.add(to);
            submissions.add(() -> transfer(id, to, 10));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<ChainIntent> submitted = new ArrayList<>();
        try {
            for (Future<ChainIntent> result : pool.invokeAll(submissions)) {
                submitted.add(result.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(submitted.stream().map(ChainIntent::nonce).sorted().toList())
                .isEqualTo(LongStream.range(first, first + count).boxed().toList());
        submitted.forEach(intent -> mineUntilFinal(intent.intentId()));
        assertThat(submitted).allSatisfy(intent ->
                assertThat(current(intent.intentId()).status()).isEqualTo(IntentStatus.CONFIRMED));
        assertThat(minedNonces()).isEqualTo(first + count);
        assertThat(recipients).allSatisfy(to -> assertThat(balance(to)).isEqualTo(BigInteger.TEN));
    }

    @Test
    void anyRoleReadsTheChainSettings() {
        Response chain = api.get(MARKETPLACE_A, "/v1/settlement/chain");

        assertThat(chain.status()).as(chain.toString()).isEqualTo(200);
        assertThat(chain.json().path("chainId").asLong()).isEqualTo(ANVIL_CHAIN_ID);
        assertThat(chain.json().path("tokenAddress").asText()).isEqualTo(TOKEN);
        assertThat(chain.json().path("tokenDecimals").asInt()).isEqualTo(6);
        assertThat(chain.json().path("anchorAddress").asText()).isEqualTo(ANCHOR);
        assertThat(chain.json().path("distributorAddress").asText()).isEqualTo(DISTRIBUTOR);
        assertThat(chain.json().path("escrowAddress").asText()).isEqualTo(ESCROW);
        assertThat(chain.json().path("signerAddress").asText()).isEqualToIgnoringCase(signer.getAddress());
        assertThat(chain.json().path("confirmations").asInt()).isEqualTo(2);
        assertThat(chain.body()).doesNotContain(anvil.rpcUrl());
        assertThat(api.get(AUDITOR, "/v1/settlement/chain").status()).isEqualTo(200);
        assertThat(api.get(null, "/v1/settlement/chain").status()).isEqualTo(401);
    }

    @Test
    void operatorsAndAuditorsFollowAnIntentMarketplacesMayNot() {
        String id = intentId("visible");
        transfer(id, freshAddress(), 3);
        mineUntilFinal(id);

        Response intent = api.get(OPERATOR, "/v1/settlement/chain/intents/" + id);
        assertThat(intent.status()).as(intent.toString()).isEqualTo(200);
        assertThat(intent.json().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(intent.json().path("valueWei").asText()).isEqualTo("3");
        assertThat(intent.json().path("attempts")).hasSize(1);
        assertThat(api.get(AUDITOR, "/v1/settlement/chain/intents/" + id).status()).isEqualTo(200);
        assertThat(api.get(MARKETPLACE_A, "/v1/settlement/chain/intents/" + id).status()).isEqualTo(403);
        Response missing = api.get(OPERATOR, "/v1/settlement/chain/intents/no-such-intent");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("CHAIN_INTENT_NOT_FOUND");
    }

    private static long pendingNonce() throws IOException {
        return anvil.web3j().ethGetTransactionCount(signer.getAddress(), DefaultBlockParameterName.PENDING).send()
                .getTransactionCount().longValueExact();
    }
}
