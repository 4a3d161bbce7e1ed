package io.gpuledger.settlement;

import io.gpuledger.common.Charges;
import io.gpuledger.lease.api.AdjustmentReason;
import io.gpuledger.lease.api.LeaseAdjustedEvent;

/** Sums an epoch's SLA credits (adjustments with reason SLA_CREDIT) from its events, for the close's own answer. */
final class SlaCreditSums {

    private Charges credits;

    void add(Object event) {
        if (event instanceof LeaseAdjustedEvent adjusted && adjusted.reason() == AdjustmentReason.SLA_CREDIT) {
            Charges moved = new Charges(adjusted.chargedUnits(), adjusted.feeUnits(), adjusted.providerUnits());
            credits = credits == null ? moved : credits.plus(moved);
        }
    }

    /** Null when the epoch holds no SLA credit. */
    Charges credits() {
        return credits;
    }
}
