/**
 * Reward pools: the {@code RewardPool} aggregate (a pool posted once under its id), the rules a pool
 * must meet ({@code PoolRules}) and the largest-remainder split ({@code PoolShares}); {@code view} its
 * read model, {@code web} its routes. Epochs take pools up when they close (settlement's EpochPools).
 */
package io.gpuledger.settlement.pool;
