package io.gpuledger.settlement.api;

import java.math.BigInteger;

/**
 * The capacity leases' part of an epoch's events: the fee accrued ({@code CapacityFeeAccruedEvent}s) and
 * the energy recorded, net of voids, each as the charged and provider units of its slices.
 */
public record CapacityCharges(BigInteger feeChargedUnits, BigInteger feeProviderUnits,
                              BigInteger energyChargedUnits, BigInteger energyProviderUnits) {
}
