package io.gpuledger.settlement.api;

import java.util.List;

/**
 * A batch's push is confirmed on-chain. {@code paid} is what it paid, read from its PayoutPaid logs;
 * accounts of the batch missing there had claimed already, and the contract skipped them.
 */
public record PayoutBatchConfirmedEvent(long epoch, int batch, String intentId, String txHash, long blockNumber,
                                        List<Payout> paid) {
}
