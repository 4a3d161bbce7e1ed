package io.gpuledger.lease.api;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A capacity lease's fee accrued over [accruedFrom, accruedThrough): {@code feeValue} is the exact fee
 * times 3600, the sum over the rates in force of whole seconds since the lease's start times
 * feeUnitsPerHour; the units are its slice of the lease's cumulative charges (docs/MONEY.md).
 * Recorded when an epoch closes, so the epoch pays it.
 */
public record CapacityFeeAccruedEvent(String marketplaceId, String leaseId, Instant accruedFrom,
                                      Instant accruedThrough, BigInteger feeValue, BigInteger chargedUnits,
                                      BigInteger feeUnits, BigInteger providerUnits) {
}
