package io.gpuledger.chain;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Moves one unfinished intent one step, from what is stored and what the node says now; it keeps no
 * memory of its own, so a restarted ledger resumes exactly where the rows stand. The rules, in order
 * (docs/CHAIN.md):
 * <ol>
 * <li>a receipt for any attempt: the intent is MINED there; at the configured depth, on the
 *     canonical chain, it becomes CONFIRMED or REVERTED (with the reason);</li>
 * <li>MINED but no attempt has a receipt any more: a reorg took it out; back to BROADCAST;</li>
 * <li>the signer's nonce is used on chain by none of the attempts: once that other transaction is
 *     itself confirmed, the intent is signed again under a fresh nonce;</li>
 * <li>the node does not know the latest attempt (never sent, forgotten in a restart, dropped in a
 *     reorg): it is sent again, byte for byte;</li>
 * <li>the latest attempt waited longer than stuck-after: it is replaced under the same nonce with
 *     both fees raised by fee-bump-percent.</li>
 * </ol>
 */
@Component
class IntentTracker {

    private static final Logger log = LoggerFactory.getLogger(IntentTracker.class);

    private final IntentStore store;
    private final ChainNode node;
    private final Attempts attempts;
    private final ChainProperties properties;

    IntentTracker(IntentStore store, ChainNode node, Attempts attempts, ChainProperties properties) {
        this.store = store;
        this.node = node;
        this.attempts = attempts;
        this.properties = properties;
    }

    /** Takes one step for {@code intent} with the chain's head at {@code head}; true when anything changed. */
    boolean advance(ChainIntent intent, long head) {
        List<TxAttempt> all = store.attempts(intent.intentId());
        Optional<MinedTx> mined = findMined(all);
        if (mined.isPresent()) {
            return onMined(intent, mined.get(), head);
        }
        if (intent.status() == IntentStatus.MINED) {
            log.warn("Intent {}: block {} no longer holds {}; a reorg took it out, sending it again",
                    intent.intentId(), intent.blockNumber(), intent.txHash());
            return store.recordReorg(intent);
        }
        return onUnmined(intent, all, head);
    }

    private boolean onMined(ChainIntent intent, MinedTx mined, long head) {
        boolean changed = false;
        if (intent.status() != IntentStatus.MINED || !mined.txHash().equals(intent.txHash())
                || !mined.blockHash().equals(intent.blockHash())) {
            if (intent.status() == IntentStatus.MINED) {
                log.warn("Intent {}: a reorg moved it from block {} to block {}", intent.intentId(),
                        intent.blockNumber(), mined.blockNumber());
            }
            if (!store.recordMined(intent, mined)) {
                return false;
            }
            changed = true;
            intent = store.find(intent.intentId()).orElseThrow();
        }
        long depth = head - mined.blockNumber() + 1;
        if (depth < properties.confirmations()) {
            return changed;
        }
        if (!node.blockHash(mined.blockNumber()).filter(mined.blockHash()::equals).isPresent()) {
            // The node is switching chains under us; look again next round.
            return changed;
        }
        if (mined.succeeded()) {
            log.info("Intent {} CONFIRMED: {} in block {}", intent.intentId(), mined.txHash(), mined.blockNumber());
            return store.recordFinal(intent, IntentStatus.CONFIRMED, null) || changed;
        }
        Revert revert = node.revertReason(intent, mined.blockNumber());
        log.warn("Intent {} REVERTED: {} in block {}: {} (revert data {})", intent.intentId(), mined.txHash(),
                mined.blockNumber(), revert.reason(), revert.data());
        return store.recordFinal(intent, IntentStatus.REVERTED, revert) || changed;
    }

    private boolean onUnmined(ChainIntent intent, List<TxAttempt> all, long head) {
        TxAttempt latest = all.get(all.size() - 1);
        if (latest.nonce() != intent.nonce()) {
            throw new IllegalStateException("intent " + intent.intentId() + " has an attempt of another nonce last");
        }
        long used = node.transactionCount(intent.signerAddress(), DefaultBlockParameterName.LATEST);
        if (used > intent.nonce()) {
            return onNonceTaken(intent, all, head);
        }
        if (!node.knows(latest.txHash())) {
            SendOutcome outcome = attempts.send(latest);
            switch (outcome.kind()) {
                case ACCEPTED:
                    return true;
                case REJECTED:
                    if (all.stream().allMatch(a -> a.sentAt() == null)) {
                        attempts.fail(intent, outcome.message());
                        return true;
                    }
                    log.error("Intent {}: the node refuses attempt {} ({}) though an earlier one was accepted",
                            intent.intentId(), latest.attempt(), outcome.message());
                    return false;
                default:
                    break;
            }
        }
        if (stuck(latest)) {
            return replace(intent, latest);
        }
        return false;
    }

    /**
     * The chain holds a transaction of ours at this nonce that is none of the intent's attempts (a
     * receipt check for every attempt came first). Signing anew is safe only once that transaction
     * is confirmed: before then, a reorg could still bring one of our attempts back instead.
     */
    private boolean onNonceTaken(ChainIntent intent, List<TxAttempt> all, long head) {
        if (findMined(all).isPresent()) {
            return false;
        }
        long confirmedBlock = head - properties.confirmations() + 1;
        long usedWhenConfirmed = confirmedBlock < 0 ? 0 : node.transactionCount(intent.signerAddress(),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(confirmedBlock)));
        if (usedWhenConfirmed <= intent.nonce()) {
            log.info("Intent {}: nonce {} was used by another transaction; waiting for it to be confirmed",
                    intent.intentId(), intent.nonce());
            return false;
        }
        TxAttempt moved = attempts.storeUnderNewNonce(intent, all.get(all.size() - 1).attempt() + 1);
        attempts.send(moved);
        return true;
    }

    private boolean stuck(TxAttempt latest) {
        Instant since = latest.sentAt() != null ? latest.sentAt() : latest.createdAt();
        return Duration.between(since, attempts.clock().instant()).compareTo(properties.stuckAfter()) >= 0;
    }

    private boolean replace(ChainIntent intent, TxAttempt latest) {
        Fees fees = latest.fees().bumped(properties.feeBumpPercent(), node.marketFees());
        if (properties.maxFeePerGasCap() != null && fees.maxFeePerGas().compareTo(properties.maxFeePerGasCap()) > 0) {
            log.warn("Intent {} is stuck at nonce {}, but a replacement would pass the fee cap; waiting",
                    intent.intentId(), intent.nonce());
            return false;
        }
        TxAttempt replacement = attempts.storeReplacement(intent, latest, fees);
        log.info("Intent {} stuck at nonce {}: attempt {} replaces {} with maxFeePerGas {} and maxPriorityFeePerGas {}",
                intent.intentId(), intent.nonce(), replacement.attempt(), latest.txHash(), fees.maxFeePerGas(),
                fees.maxPriorityFeePerGas());
        attempts.send(replacement);
        return true;
    }

    /** Any attempt may be the mined one: a replacement can lose to the transaction it replaced. */
    private Optional<MinedTx> findMined(List<TxAttempt> all) {
        for (TxAttempt attempt : all) {
            Optional<MinedTx> receipt = node.receipt(attempt.txHash());
            if (receipt.isPresent()) {
                return receipt;
            }
        }
        return Optional.empty();
    }
}
