package io.gpuledger.billing;

import io.gpuledger.common.Charges;
import java.util.List;

/**
 * One lease's share of a statement over a window: its usage as recorded (voided reports included;
 * a capacity lease's energy), a capacity lease's fee accrued for spans starting in the window
 * ({@code capacityFee}, null on other leases),
 * the voids, the adjustments other than SLA credits, and the SLA credits placed in the window (zero or
 * negative for voids and credits), and the net, their sum; then each of those voids and adjustments as
 * an item. A capacity lease's recorded usage is its energy.
 */
public record StatementLine(String marketplaceId, String leaseId, String providerId, String tenantId,
                            String gpuModel, long gpuSecondsRecorded, Charges charges, long voidedGpuSeconds,
                            Charges voids, Charges adjustments, Charges slaCredits,
                            List<StatementCorrection> corrections, Charges capacityFee) {

    static StatementLine of(String marketplaceId, String leaseId, String providerId, String tenantId, String gpuModel,
                            int feeBps, long gpuSecondsRecorded, long voidedGpuSeconds, WindowEdge from, WindowEdge to,
                            List<StatementCorrection> corrections, boolean capacity) {
        Charges recorded = to.recorded(feeBps).minus(from.recorded(feeBps));
        Charges withFee = to.withCapacityFee(feeBps).minus(from.withCapacityFee(feeBps));
        Charges afterVoids = to.afterVoids(feeBps).minus(from.afterVoids(feeBps));
        Charges afterAdjustments = to.afterAdjustments(feeBps).minus(from.afterAdjustments(feeBps));
        Charges net = to.net(feeBps).minus(from.net(feeBps));
        return new StatementLine(marketplaceId, leaseId, providerId, tenantId, gpuModel, gpuSecondsRecorded, recorded,
                -voidedGpuSeconds, afterVoids.minus(withFee), afterAdjustments.minus(afterVoids),
                net.minus(afterAdjustments), corrections, capacity ? withFee.minus(recorded) : null);
    }

    public long netGpuSeconds() {
        return gpuSecondsRecorded + voidedGpuSeconds;
    }

    /** A capacity lease's fee in the window, or zero on a lease of another kind. */
    public Charges capacityFeeOrZero() {
        return capacityFee == null ? Charges.ZERO : capacityFee;
    }

    /** A capacity lease's energy in the window (its recorded usage), or null on a lease of another kind. */
    public Charges energy() {
        return capacityFee == null ? null : charges;
    }

    public Charges net() {
        return charges.plus(capacityFeeOrZero()).plus(voids).plus(adjustments).plus(slaCredits);
    }
}
