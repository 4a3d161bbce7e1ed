package io.gpuledger.chain;

import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Signs and stores attempts, and sends stored ones. The one rule here: a transaction is committed to
 * PostgreSQL before any node sees it. A crash after the commit leaves a stored attempt that the
 * worker sends; a crash before it leaves nothing, and no nonce was used.
 */
@Component
class Attempts {

    private static final Logger log = LoggerFactory.getLogger(Attempts.class);

    private final IntentStore store;
    private final ChainNode node;
    private final ChainAccount account;
    private final Clock clock;

    Attempts(IntentStore store, ChainNode node, ChainAccount account) {
        this.store = store;
        this.node = node;
        this.account = account;
        this.clock = Clock.systemUTC();
    }

    /**
     * Stores a new intent with its first signed attempt under the signer's next nonce, and sends
     * nothing. Returns the intent stored under this id, which is an earlier one if another caller won.
     */
    ChainIntent storeNew(IntentRequest request) {
        Fees fees = node.marketFees();
        ensureNonceCounter();
        long chainId = account.chainId();
        String signer = account.signer().address();
        return store.inTransaction(() -> {
            long nonce = store.lockNextNonce(chainId, signer);
            // Checked again under the lock: a concurrent submission of the same intent may have just committed.
            var earlier = store.find(request.intentId());
            if (earlier.isPresent()) {
                return earlier.get();
            }
            SignedTx tx = account.signer().sign(chainId, nonce, request, fees);
            store.insertIntent(request, chainId, signer, nonce);
            store.insertAttempt(request.intentId(), 1, tx, clock.instant());
            store.setNextNonce(chainId, signer, nonce + 1);
            return store.find(request.intentId()).orElseThrow();
        });
    }

    /** A replacement: the same transaction and nonce with higher fees, stored before it is sent. */
    TxAttempt storeReplacement(ChainIntent intent, TxAttempt latest, Fees fees) {
        SignedTx tx = account.signer().sign(intent.chainId(), latest.nonce(), request(intent), fees);
        store.inTransaction(() -> {
            store.insertAttempt(intent.intentId(), latest.attempt() + 1, tx, clock.instant());
            return null;
        });
        return latestOf(intent.intentId());
    }

    /**
     * The intent's nonce was taken by a transaction that is not one of its attempts, and that one is
     * confirmed: sign the intent again under a fresh nonce. The counter jumps to the node's pending
     * count if that is ahead, since nonces the node already holds can never be ours again.
     */
    TxAttempt storeUnderNewNonce(ChainIntent intent, int nextAttempt) {
        Fees fees = node.marketFees();
        String signer = account.signer().address();
        long pending = node.transactionCount(signer, DefaultBlockParameterName.PENDING);
        return store.inTransaction(() -> {
            long nonce = Math.max(store.lockNextNonce(intent.chainId(), signer), pending);
            if (!store.moveToNonce(intent, nonce)) {
                throw new IllegalStateException("intent " + intent.intentId() + " changed meanwhile");
            }
            SignedTx tx = account.signer().sign(intent.chainId(), nonce, request(intent), fees);
            store.insertAttempt(intent.intentId(), nextAttempt, tx, clock.instant());
            store.setNextNonce(intent.chainId(), signer, nonce + 1);
            log.warn("Intent {} moved from nonce {} to {}: its nonce was taken by another transaction",
                    intent.intentId(), intent.nonce(), nonce);
            return latestOf(intent.intentId());
        });
    }

    /**
     * No node will take the intent's transaction. The intent fails, and a zero-value transfer to the
     * signer itself takes its nonce, or every later intent would wait forever behind the gap.
     */
    void fail(ChainIntent intent, String reason) {
        String fillerId = fillerId(intent);
        IntentRequest filler = IntentRequest.of(fillerId, intent.signerAddress(), BigInteger.ZERO, "0x",
                BigInteger.valueOf(21_000));
        Fees fees = node.marketFees();
        boolean failed = store.inTransaction(() -> {
            if (!store.recordFailed(intent, reason)) {
                return false;
            }
            if (store.find(fillerId).isEmpty()) {
                SignedTx tx = account.signer().sign(intent.chainId(), intent.nonce(), filler, fees);
                store.insertIntent(filler, intent.chainId(), intent.signerAddress(), intent.nonce());
                store.insertAttempt(fillerId, 1, tx, clock.instant());
            }
            return true;
        });
        if (failed) {
            log.error("Intent {} FAILED, the node refused it for good: {}; nonce {} goes to {}", intent.intentId(),
                    reason, intent.nonce(), fillerId);
        }
    }

    /** The intent that takes a failed intent's nonce: one per (chain, nonce, signer), so never two. */
    static String fillerId(ChainIntent failed) {
        return "nonce-filler-" + failed.chainId() + "-" + failed.nonce() + "-" + failed.signerAddress();
    }

    /** Sends a stored attempt and notes when a node accepted it. */
    SendOutcome send(TxAttempt attempt) {
        SendOutcome outcome = node.send(attempt.rawTx());
        if (outcome.kind() == SendOutcome.Kind.ACCEPTED) {
            store.inTransaction(() -> {
                store.markSent(attempt, clock.instant());
                return null;
            });
        } else {
            log.info("Attempt {} of intent {} not taken: {} ({})", attempt.attempt(), attempt.intentId(),
                    outcome.kind(), outcome.message());
        }
        return outcome;
    }

    TxAttempt latestOf(String intentId) {
        List<TxAttempt> attempts = store.attempts(intentId);
        return attempts.get(attempts.size() - 1);
    }

    Clock clock() {
        return clock;
    }

    private void ensureNonceCounter() {
        long chainId = account.chainId();
        String signer = account.signer().address();
        if (!store.hasNonce(chainId, signer)) {
            long first = node.transactionCount(signer, DefaultBlockParameterName.PENDING);
            store.inTransaction(() -> {
                store.initNonce(chainId, signer, first);
                return null;
            });
        }
    }

    private static IntentRequest request(ChainIntent intent) {
        return new IntentRequest(intent.intentId(), intent.to(), intent.valueWei(), intent.data(), intent.gasLimit());
    }
}
