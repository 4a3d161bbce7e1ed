package io.gpuledger.settlement.api;

import java.math.BigInteger;

/** What one account receives of a reward pool, in token units. */
public record PoolShare(String account, BigInteger shareUnits) {
}
