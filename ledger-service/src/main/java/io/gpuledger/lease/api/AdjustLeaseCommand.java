package io.gpuledger.lease.api;

import java.math.BigInteger;

/** Credits or debits a lease's charges by an amount; the same {@code adjustmentId} again changes nothing. */
public record AdjustLeaseCommand(String marketplaceId, String leaseId, String adjustmentId, AdjustmentKind kind,
                                 BigInteger amountUnits, AdjustmentReason reason) {

    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
