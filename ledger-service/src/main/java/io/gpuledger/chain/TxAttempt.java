package io.gpuledger.chain;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One signed transaction of an intent. {@code sentAt} is when a node last accepted it (null: never),
 * the clock that decides when it counts as stuck.
 */
public record TxAttempt(String txHash, String intentId, int attempt, long nonce, BigInteger maxFeePerGas,
                        BigInteger maxPriorityFeePerGas, String rawTx, Instant createdAt, Instant sentAt) {

    Fees fees() {
        return new Fees(maxFeePerGas, maxPriorityFeePerGas);
    }
}
