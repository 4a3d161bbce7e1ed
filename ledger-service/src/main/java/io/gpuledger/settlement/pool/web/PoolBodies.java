package io.gpuledger.settlement.pool.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The body of a pool's posting as the OpenAPI description shows it; {@link PoolRequests} reads it. */
final class PoolBodies {

    private PoolBodies() {
    }

    @Schema(name = "RewardPoolRequest", description = "Exactly one of weights and basis")
    record Pool(@Schema(requiredMode = REQUIRED, description = "Unique; the same body again answers the first posting") String poolId,
                @Schema(requiredMode = REQUIRED, description = "Positive") String amountUnits,
                @Schema(description = "The accounts to split by, each once; at least one weight positive; at most 10000")
                List<Weight> weights,
                @Schema(description = "Instead of weights: split by each payout address's GPU-seconds in the epoch the pool lands in",
                        allowableValues = "GPU_SECONDS") String basis) {
    }

    @Schema(name = "RewardPoolWeight")
    record Weight(@Schema(requiredMode = REQUIRED, description = "0x-prefixed address; mixed case must pass EIP-55") String account,
                  @Schema(requiredMode = REQUIRED, description = "A non-negative integer as a decimal string") String weight) {
    }
}
