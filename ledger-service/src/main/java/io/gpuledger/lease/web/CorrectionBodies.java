package io.gpuledger.lease.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.gpuledger.lease.api.AdjustmentKind;
import io.gpuledger.lease.api.AdjustmentReason;
import io.swagger.v3.oas.annotations.media.Schema;

/** The bodies of the correction routes as the OpenAPI description shows them; {@link CorrectionRequests} reads them. */
final class CorrectionBodies {

    private CorrectionBodies() {
    }

    @Schema(name = "AdjustLeaseRequest")
    record Adjust(@Schema(requiredMode = REQUIRED, description = "Unique within the lease") String adjustmentId,
                  @Schema(requiredMode = REQUIRED) AdjustmentKind kind,
                  @Schema(requiredMode = REQUIRED, description = "Positive") String amountUnits,
                  @Schema(requiredMode = REQUIRED) AdjustmentReason reason) {
    }

    @Schema(name = "LeaseAdjusted", description = "The adjustment and its slice of the lease's charges")
    record Adjusted(String leaseId, String adjustmentId, AdjustmentKind kind, String amountUnits,
                    AdjustmentReason reason, String chargedUnits, String feeUnits, String providerUnits) {
    }

    @Schema(name = "VoidUsageRequest")
    record Void(@Schema(requiredMode = REQUIRED, minLength = 1, maxLength = 500, example = "metered twice") String reason) {
    }

    @Schema(name = "UsageVoided", description = "The (negative) slice of the lease's charges the void took back")
    record Voided(String leaseId, String reportId, @Schema(allowableValues = "VOIDED") String status,
                  String chargedUnits, String feeUnits, String providerUnits) {
    }
}
