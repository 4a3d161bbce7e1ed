package io.gpuledger.settlement.api;

/** How a reward pool is split: by the weights it names, or by each payout address's GPU-seconds in its epoch. */
public enum PoolBasis { WEIGHTS, GPU_SECONDS }
