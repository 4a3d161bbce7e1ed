package io.gpuledger.billing;

import io.gpuledger.common.Charges;
import java.util.List;

/**
 * One lease's share of a statement over a window: its usage as recorded (voided reports included),
 * the voids and adjustments placed in the window (zero or negative for voids), and the net, their sum;
 * then each of those voids and adjustments as an item.
 */
public record StatementLine(String marketplaceId, String leaseId, String providerId, String tenantId,
                            String gpuModel, long gpuSecondsRecorded, Charges charges, long voidedGpuSeconds,
                            Charges voids, Charges adjustments, List<StatementCorrection> corrections) {

    static StatementLine of(String marketplaceId, String leaseId, String providerId, String tenantId, String gpuModel,
                            int feeBps, long gpuSecondsRecorded, long voidedGpuSeconds, WindowEdge from, WindowEdge to,
                            List<StatementCorrection> corrections) {
        Charges recorded = to.recorded(feeBps).minus(from.recorded(feeBps));
        Charges afterVoids = to.afterVoids(feeBps).minus(from.afterVoids(feeBps));
        Charges net = to.net(feeBps).minus(from.net(feeBps));
        return new StatementLine(marketplaceId, leaseId, providerId, tenantId, gpuModel, gpuSecondsRecorded, recorded,
                -voidedGpuSeconds, afterVoids.minus(recorded), net.minus(afterVoids), corrections);
    }

    public long netGpuSeconds() {
        return gpuSecondsRecorded + voidedGpuSeconds;
    }

    public Charges net() {
        return charges.plus(voids).plus(adjustments);
    }
}
