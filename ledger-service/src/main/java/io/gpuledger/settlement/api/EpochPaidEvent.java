package io.gpuledger.settlement.api;

import java.math.BigInteger;

/** Every payout of the epoch is paid on-chain, pushed or claimed, and the epoch is anchored. */
public record EpochPaidEvent(long epoch, int payoutCount, BigInteger totalUnits) {
}
