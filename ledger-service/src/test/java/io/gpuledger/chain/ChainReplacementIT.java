package io.gpuledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A transaction nobody mines is replaced under its nonce with higher fees, and only one attempt lands. */
@TestPropertySource(properties = "ledger.chain.stuck-after=1s")
class ChainReplacementIT extends IntentIT {

    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    @AfterEach
    void blocksComeAgain() {
        anvil.setAutomine(true);
    }

    @Test
    void aStuckTransactionIsReplacedWithBothFeesRaisedAndConfirmedOnce() {
        long minedBefore = minedNonces();
        String to = freshAddress();
        String id = intentId("stuck");
        anvil.setAutomine(false);

        transfer(id, to, 500);
        await().atMost(patience()).until(() -> gateway.attempts(id).size() >= 2);

        List<TxAttempt> attempts = gateway.attempts(id);
        TxAttempt first = attempts.get(0);
        TxAttempt second = attempts.get(1);
        assertThat(second.nonce()).isEqualTo(first.nonce());
        assertThat(second.txHash()).isNotEqualTo(first.txHash());
        assertThat(second.maxFeePerGas().multiply(HUNDRED))
                .isGreaterThanOrEqualTo(first.maxFeePerGas().multiply(BigInteger.valueOf(110)));
        assertThat(second.maxPriorityFeePerGas().multiply(HUNDRED))
                .isGreaterThanOrEqualTo(first.maxPriorityFeePerGas().multiply(BigInteger.valueOf(110)));

        anvil.mine(1);
        ChainIntent finished = mineUntilFinal(id);

        List<TxAttempt> all = gateway.attempts(id);
        assertThat(finished.status()).isEqualTo(IntentStatus.CONFIRMED);
        assertThat(all).extracting(TxAttempt::txHash).contains(finished.txHash());
        assertThat(all).filteredOn(a -> !a.txHash().equals(finished.txHash()))
                .allSatisfy(replaced -> assertThat(receipt(replaced.txHash())).isEmpty());
        assertThat(all).extracting(TxAttempt::nonce).containsOnly(finished.nonce());
        assertThat(minedNonces()).isEqualTo(minedBefore + 1);
        assertThat(balance(to)).isEqualTo(BigInteger.valueOf(500));
    }
}
