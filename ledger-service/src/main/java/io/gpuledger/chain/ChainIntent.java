package io.gpuledger.chain;

import java.math.BigInteger;
import java.time.Instant;

/**
 * An intent as stored: the transaction asked for, the nonce it uses, and where it stands. While
 * MINED or final, {@code txHash} names the attempt in the chain; {@code version} grows at each change. A
 * REVERTED intent has its readable {@code revertReason} and its {@code revertData} as 0x-hex (see {@link Revert}).
 */
public record ChainIntent(String intentId, IntentStatus status, long chainId, String signerAddress, String to,
                          BigInteger valueWei, String data, long gasLimit, long nonce, String txHash,
                          Long blockNumber, String blockHash, Boolean receiptOk, String revertReason,
                          String revertData, String failure, int reorgCount, long version, Instant createdAt,
                          Instant updatedAt) {
}
