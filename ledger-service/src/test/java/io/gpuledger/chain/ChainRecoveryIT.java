package io.gpuledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.platform.ClusterSingletons;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What a crash or a node restart leaves behind is finished once, from the stored rows alone. */
class ChainRecoveryIT extends IntentIT {

    @Autowired
    IntentStore store;
    @Autowired
    IntentTracker tracker;
    @Autowired
    ChainNode node;
    @Autowired
    ChainAccount account;
    @Autowired
    ChainProperties properties;
    @Autowired
    ClusterSingletons singletons;

    @AfterEach
    void workerRunsAgain() {
        worker.start();
    }

    @Test
    void anIntentStoredButNeverSentIsSentOnceByTheNextWorker() {
        worker.stop();
        long minedBefore = minedNonces();
        String to = freshAddress();
        String id = intentId("crashed-before-send");

        // What a crash between the commit and the send leaves: a signed, stored, unsent transaction.
        ChainIntent stored = gateway.storeWithoutSending(id, to, BigInteger.valueOf(42), "0x", TRANSFER_GAS);
        TxAttempt attempt = gateway.attempts(id).get(0);
        assertThat(stored.status()).isEqualTo(IntentStatus.PENDING);
        assertThat(attempt.sentAt()).isNull();
        assertThat(nodeKnows(attempt.txHash())).isFalse();

        // A new process: a worker built from scratch, knowing only what the database holds.
        ChainWorker restarted = new ChainWorker(store, tracker, node, account, properties,
                singletons.named(ChainWorker.SINGLETON));
        restarted.start();
        try {
            ChainIntent finished = mineUntilFinal(id);

            assertThat(finished.status()).isEqualTo(IntentStatus.CONFIRMED);
            assertThat(finished.txHash()).isEqualTo(attempt.txHash());
            assertThat(finished.nonce()).isEqualTo(stored.nonce());
            assertThat(gateway.attempts(id)).hasSize(1);
            assertThat(minedNonces()).isEqualTo(minedBefore + 1);
            assertThat(balance(to)).isEqualTo(BigInteger.valueOf(42));
            assertThat(receipt(attempt.txHash())).isPresent();
        } finally {
            restarted.stop();
        }
    }

    @Test
    void anIntentInFlightWhenTheNodeRestartsCompletesOnce() {
        long minedBefore = minedNonces();
        String to = freshAddress();
        String id = intentId("node-restart");
        anvil.setAutomine(false);
        ChainIntent sent = transfer(id, to, 9);
        assertThat(sent.status()).isEqualTo(IntentStatus.BROADCAST);
        String hash = gateway.attempts(id).get(0).txHash();
        assertThat(nodeKnows(hash)).isTrue();

        // The node goes down with the transaction in its pool; its chain survives, its pool does not.
        anvil.stop();
        await().during(Duration.ofMillis(600)).atMost(patience())
                .until(() -> current(id).status() == IntentStatus.BROADCAST);
        anvil.restart();

        ChainIntent finished = mineUntilFinal(id);

        assertThat(finished.status()).isEqualTo(IntentStatus.CONFIRMED);
        assertThat(finished.txHash()).isEqualTo(hash);
        assertThat(gateway.attempts(id)).hasSize(1);
        assertThat(minedNonces()).isEqualTo(minedBefore + 1);
        assertThat(balance(to)).isEqualTo(BigInteger.valueOf(9));
    }

    @Test
    void aMinedIntentSurvivesANodeRestartAndIsConfirmedOnce() {
        long minedBefore = minedNonces();
        String to = freshAddress();
        String id = intentId("mined-then-restart");
        transfer(id, to, 11);
        ChainIntent mined = awaitStatus(id, IntentStatus.MINED);

        anvil.restart();
        ChainIntent finished = mineUntilFinal(id);

        assertThat(finished.status()).isEqualTo(IntentStatus.CONFIRMED);
        assertThat(finished.txHash()).isEqualTo(mined.txHash());
        assertThat(finished.reorgCount()).isZero();
        assertThat(minedNonces()).isEqualTo(minedBefore + 1);
        assertThat(balance(to)).isEqualTo(BigInteger.valueOf(11));
    }
}
