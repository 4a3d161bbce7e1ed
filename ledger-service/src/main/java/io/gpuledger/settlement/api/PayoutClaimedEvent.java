package io.gpuledger.settlement.api;

import java.math.BigInteger;

/** A provider claimed its payout on-chain with a Merkle proof, by {@code txHash} in {@code blockNumber}. */
public record PayoutClaimedEvent(long epoch, String account, BigInteger amountUnits, String txHash, long blockNumber) {
}
