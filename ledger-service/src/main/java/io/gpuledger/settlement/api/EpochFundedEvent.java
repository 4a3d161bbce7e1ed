package io.gpuledger.settlement.api;

import java.math.BigInteger;

/** The distributor received the epoch's total, minted or transferred by {@code txHash}. */
public record EpochFundedEvent(long epoch, FundingMode mode, BigInteger amountUnits, String intentId, String txHash,
                               long blockNumber) {
}
