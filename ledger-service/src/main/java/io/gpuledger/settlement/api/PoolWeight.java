package io.gpuledger.settlement.api;

import java.math.BigInteger;

/** An account's weight in a reward pool: a non-negative integer; the account is an EIP-55 checksummed address. */
public record PoolWeight(String account, BigInteger weight) {
}
