package io.gpuledger.settlement.api;

import java.math.BigInteger;

/** What one payout address is owed for an epoch, in token units. */
public record Payout(String account, BigInteger amountUnits) {
}
