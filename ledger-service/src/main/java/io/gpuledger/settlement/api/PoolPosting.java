package io.gpuledger.settlement.api;

/** The answer to a pool's posting: the pool as recorded, and whether it was recorded before with the same body. */
public record PoolPosting(boolean recordedBefore, RewardPoolPostedEvent pool) {
}
