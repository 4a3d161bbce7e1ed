package io.gpuledger.chain;

import static org.awaitility.Awaitility.await;

import io.gpuledger.support.ChainIT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Chain tests that drive the gateway directly, with helpers to wait for an intent's states. */
abstract class IntentIT extends ChainIT {

    static final BigInteger TRANSFER_GAS = BigInteger.valueOf(21_000);

    @Autowired
    ChainGateway gateway;
    @Autowired
    ChainWorker worker;

    static String intentId(String purpose) {
        return purpose + "-" + UUID.randomUUID();
    }

    ChainIntent transfer(String intentId, String to, long wei) {
        return gateway.submit(intentId, to, BigInteger.valueOf(wei), "0x", TRANSFER_GAS);
    }

    ChainIntent current(String intentId) {
        return gateway.intent(intentId).orElseThrow();
    }

    ChainIntent awaitStatus(String intentId, IntentStatus status) {
        await().atMost(patience()).until(() -> current(intentId).status() == status);
        return current(intentId);
    }

    /** Mines a block at each look while the intent waits for depth, as a live chain would, until it is final. */
    ChainIntent mineUntilFinal(String intentId) {
        await().atMost(patience()).until(() -> {
            ChainIntent intent = current(intentId);
            if (intent.status() == IntentStatus.MINED) {
                anvil.mine(1);
            }
            return intent.status().isFinal();
        });
        return current(intentId);
    }

    static Optional<TransactionReceipt> receipt(String txHash) {
        try {
            return anvil.web3j().ethGetTransactionReceipt(txHash).send().getTransactionReceipt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean nodeKnows(String txHash) {
        try {
            return anvil.web3j().ethGetTransactionByHash(txHash).send().getTransaction().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
