package io.gpuledger.settlement.api;

import java.math.BigInteger;

/**
 * A tenant's standing with the prepaid escrow after an epoch (docs/MONEY.md, "Prepaid payouts from the
 * escrow"): {@code unreleasedUnits}, its on-chain deposits credited and not released yet (never
 * negative); {@code dueUnits}, its prepaid charges carried into the next epoch: negative when
 * corrections gave back more than it was charged since, positive only out of an epoch that released
 * nothing because it pays nothing.
 */
public record EscrowAccount(String marketplaceId, String tenantId, BigInteger unreleasedUnits, BigInteger dueUnits) {
}
