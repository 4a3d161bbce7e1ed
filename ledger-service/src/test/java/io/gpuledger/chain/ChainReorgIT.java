package io.gpuledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * A transaction mined but not yet deep enough can vanish in a reorg (here: evm_revert to a snapshot).
 * The intent notices, and lands again: the same bytes while its nonce is free, else a fresh nonce.
 */
@TestPropertySource(properties = "ledger.chain.confirmations=3")
class ChainReorgIT extends IntentIT {

    @AfterEach
    void workerRunsAgain() {
        worker.start();
    }

    @Test
    void aTransactionDroppedByAReorgIsSentAgainAndConfirmedOnce() {
        long minedBefore = minedNonces();
        String to = freshAddress();
        String id = intentId("reorged");
        String snapshot = anvil.snapshot();
        transfer(id, to, 700);
        ChainIntent mined = awaitStatus(id, IntentStatus.MINED);
        assertThat(receipt(mined.txHash())).isPresent();

        anvil.revert(snapshot);
        assertThat(receipt(mined.txHash())).isEmpty();

        await().atMost(patience()).until(() -> current(id).reorgCount() == 1);
        ChainIntent finished = mineUntilFinal(id);

        assertThat(finished.status()).isEqualTo(IntentStatus.CONFIRMED);
        assertThat(finished.txHash()).isEqualTo(mined.txHash());
        assertThat(finished.nonce()).isEqualTo(mined.nonce());
        assertThat(gateway.attempts(id)).hasSize(1);
        assertThat(minedNonces()).isEqualTo(minedBefore + 1);
        assertThat(balance(to)).isEqualTo(BigInteger.valueOf(700));
    }

    @Test
    void whenAnotherTransactionTakesTheNonceAfterAReorgTheIntentMovesToAFreshNonce() throws Exception {
        long minedBefore = minedNonces();
        String to = freshAddress();
        String id = intentId("nonce-taken");
        String snapshot = anvil.snapshot();
        transfer(id, to, 800);
        ChainIntent mined = awaitStatus(id, IntentStatus.MINED);

        // While the ledger looks away, the reorg drops the transaction and another one of the same
        // signer and nonce (sent from elsewhere with the same key) takes its place, confirmed.
        worker.stop();
        anvil.revert(snapshot);
        String intruder = sendElsewhere(mined.nonce());
        anvil.mine(3);
        assertThat(receipt(intruder)).isPresent();
        worker.start();

        ChainIntent finished = mineUntilFinal(id);

        List<TxAttempt> attempts = gateway.attempts(id);
        assertThat(finished.status()).isEqualTo(IntentStatus.CONFIRMED);
        assertThat(finished.reorgCount()).isEqualTo(1);
        assertThat(finished.nonce()).isEqualTo(mined.nonce() + 1);
        assertThat(attempts).extracting(TxAttempt::nonce).containsExactly(mined.nonce(), mined.nonce() + 1);
        assertThat(finished.txHash()).isEqualTo(attempts.get(1).txHash());
        assertThat(receipt(attempts.get(0).txHash())).isEmpty();
        assertThat(minedNonces()).isEqualTo(minedBefore + 2);
        assertThat(balance(to)).isEqualTo(BigInteger.valueOf(800));
    }

    /** A zero-value self-transfer at {@code nonce}, signed with the ledger's key but not by the ledger. */
    private static String sendElsewhere(long nonce) throws Exception {
        RawTransaction tx = RawTransaction.createTransaction(ANVIL_CHAIN_ID, BigInteger.valueOf(nonce),
                BigInteger.valueOf(21_000), signer.getAddress(), BigInteger.ZERO, "0x",
                BigInteger.valueOf(1_000_000_000), BigInteger.valueOf(10_000_000_000L));
        String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, signer));
        var sent = anvil.web3j().ethSendRawTransaction(raw).send();
        assertThat(sent.hasError()).as(() -> sent.getError().getMessage()).isFalse();
        return sent.getTransactionHash();
    }
}
