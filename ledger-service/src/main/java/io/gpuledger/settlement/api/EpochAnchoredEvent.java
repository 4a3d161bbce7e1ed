package io.gpuledger.settlement.api;

import java.math.BigInteger;

/** The epoch's roots and total are anchored on-chain by {@code txHash}, confirmed in {@code blockNumber}. */
public record EpochAnchoredEvent(long epoch, String payoutRoot, String eventsRoot, BigInteger totalUnits,
                                 String intentId, String txHash, long blockNumber) {
}
