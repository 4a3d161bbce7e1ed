package io.gpuledger.billing;

import io.gpuledger.common.Charges;

/** One lease's share of a statement over a period. */
public record StatementLine(String marketplaceId, String leaseId, String providerId, String tenantId,
                            String gpuModel, long gpuSecondsRecorded, Charges charges) {
}
