package io.gpuledger.settlement.api;

import java.math.BigInteger;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Posts a reward pool for the next epoch to close; {@code weights} is empty for a GPU_SECONDS pool. */
public record PostRewardPoolCommand(String poolId, BigInteger amountUnits, PoolBasis basis, List<PoolWeight> weights) {

    @TargetAggregateIdentifier
    public String poolKey() {
        return PoolKey.of(poolId);
    }
}
