package io.gpuledger.settlement.api;

import java.math.BigInteger;
import java.util.List;

/**
 * A reward pool was posted: {@code amountUnits} from the treasury, split in the next epoch to close by
 * {@code weights} or, for basis GPU_SECONDS (weights empty), by each payout address's GPU-seconds in
 * that epoch (docs/MONEY.md, "Reward pools").
 */
public record RewardPoolPostedEvent(String poolId, BigInteger amountUnits, PoolBasis basis, List<PoolWeight> weights) {
}
