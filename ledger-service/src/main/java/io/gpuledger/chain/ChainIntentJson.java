package io.gpuledger.chain;

import java.time.Instant;
import java.util.List;

/** An intent on the wire. Wei amounts are decimal strings, like every amount this API shows. */
record ChainIntentJson(String intentId, String status, String to, String valueWei, String data, long gasLimit,
                       long nonce, String txHash, Long blockNumber, String revertReason, String revertData,
                       String failure, int reorgCount, List<Attempt> attempts, Instant createdAt, Instant updatedAt) {

    record Attempt(int attempt, String txHash, long nonce, String maxFeePerGas, String maxPriorityFeePerGas,
                   Instant sentAt) {
    }

    static ChainIntentJson of(ChainIntent intent, List<TxAttempt> attempts) {
        return new ChainIntentJson(intent.intentId(), intent.status().name(), intent.to(),
                intent.valueWei().toString(), intent.data(), intent.gasLimit(), intent.nonce(), intent.txHash(),
                intent.blockNumber(), intent.revertReason(), intent.revertData(), intent.failure(),
                intent.reorgCount(),
                attempts.stream().map(a -> new Attempt(a.attempt(), a.txHash(), a.nonce(), a.maxFeePerGas().toString(),
                        a.maxPriorityFeePerGas().toString(), a.sentAt())).toList(),
                intent.createdAt(), intent.updatedAt());
    }
}
