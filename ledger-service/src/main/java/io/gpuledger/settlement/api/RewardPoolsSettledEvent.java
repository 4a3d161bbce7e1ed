package io.gpuledger.settlement.api;

import java.util.List;

/**
 * Written with an epoch's {@link EpochClosedEvent} when it paid reward pools or leaves some waiting:
 * {@code pools} are those it paid, each with its shares (part of the epoch's payouts, funded from the
 * treasury), and {@code waiting} the GPU_SECONDS pools it could not split, which the next close takes up.
 */
public record RewardPoolsSettledEvent(long epoch, List<SettledPool> pools, List<WaitingPool> waiting) {
}
