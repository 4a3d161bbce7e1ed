package io.gpuledger.lease.api;

import java.math.BigInteger;

/**
 * A lease's charges were credited or debited by {@code amountUnits}. The units are the slice of the
 * lease's cumulative charges the adjustment moved (negative for a credit), split by the money rule.
 */
public record LeaseAdjustedEvent(String marketplaceId, String leaseId, String adjustmentId, AdjustmentKind kind,
                                 BigInteger amountUnits, AdjustmentReason reason, BigInteger chargedUnits,
                                 BigInteger feeUnits, BigInteger providerUnits) {
}
