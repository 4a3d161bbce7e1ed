package io.gpuledger.settlement.api;

import java.math.BigInteger;
import java.util.List;

/** A reward pool an epoch paid: its shares (positive, in ascending address order) add up to {@code amountUnits}. */
public record SettledPool(String poolId, PoolBasis basis, BigInteger amountUnits, List<PoolShare> shares) {
}
