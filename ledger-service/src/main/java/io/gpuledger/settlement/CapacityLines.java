package io.gpuledger.settlement;

import io.gpuledger.lease.api.CapacityFeeAccruedEvent;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.settlement.api.CapacityCharges;
import java.math.BigInteger;

/** Sums an epoch's capacity fee and energy slices from its events, for the epoch's own lines. */
final class CapacityLines {

    private BigInteger feeCharged = BigInteger.ZERO;
    private BigInteger feeProvider = BigInteger.ZERO;
    private BigInteger energyCharged = BigInteger.ZERO;
    private BigInteger energyProvider = BigInteger.ZERO;
    private boolean any;

    void add(Object event) {
        if (event instanceof CapacityFeeAccruedEvent fee) {
            feeCharged = feeCharged.add(fee.chargedUnits());
            feeProvider = feeProvider.add(fee.providerUnits());
            any = true;
        } else if (event instanceof UsageRecordedEvent usage) {
            for (RecordedUsage report : usage.reports()) {
                if (report.energyWh() != null) {
                    energy(report.chargedUnits(), report.providerUnits());
                }
            }
        } else if (event instanceof UsageVoidedEvent voided && voided.energyWh() != null) {
            energy(voided.chargedUnits(), voided.providerUnits());
        }
    }

    private void energy(BigInteger charged, BigInteger provider) {
        energyCharged = energyCharged.add(charged);
        energyProvider = energyProvider.add(provider);
        any = true;
    }

    /** Null when the epoch holds no capacity lease's fee or energy. */
    CapacityCharges charges() {
        return any ? new CapacityCharges(feeCharged, feeProvider, energyCharged, energyProvider) : null;
    }
}
