package io.gpuledger.usage;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.gpuledger.common.FieldProblem;
import io.gpuledger.lease.api.CloseReason;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The bodies of the usage routes as the OpenAPI description shows them; {@link UsageRequests} reads them. */
final class UsageBodies {

    private UsageBodies() {
    }

    @Schema(name = "UsageReportRequest", description = "GPU-seconds (GPU_HOUR lease) or energy (CAPACITY lease) used over a period of the lease")
    record Report(@Schema(requiredMode = REQUIRED, description = "Unique within the lease") String reportId,
                  @Schema(requiredMode = REQUIRED) Instant periodStart,
                  @Schema(requiredMode = REQUIRED, description = "After periodStart") Instant periodEnd,
                  @Schema(minimum = "0", description = "GPU_HOUR leases: at most gpuCount times the period in seconds") Long gpuSeconds,
                  @Schema(minimum = "0", description = "CAPACITY leases, instead of gpuSeconds: at most capacityKw × period seconds / 3.6") Long energyWh) {
    }

    @Schema(name = "BatchUsageReport")
    record BatchReport(@Schema(requiredMode = REQUIRED) String leaseId,
                       @Schema(requiredMode = REQUIRED) String reportId,
                       @Schema(requiredMode = REQUIRED) Instant periodStart,
                       @Schema(requiredMode = REQUIRED) Instant periodEnd,
                       @Schema(minimum = "0", description = "GPU_HOUR leases") Long gpuSeconds,
                       @Schema(minimum = "0", description = "CAPACITY leases, instead of gpuSeconds") Long energyWh) {
    }

    @Schema(name = "UsageBatchRequest")
    record Batch(@Schema(requiredMode = REQUIRED, description = "1 to 10,000 reports") List<BatchReport> reports) {
    }

    @Schema(name = "UsageResult", description = "A report's result: its slice of the lease's cumulative charges, or why it was refused")
    record Result(String leaseId, String reportId,
                  @Schema(allowableValues = {"ACCEPTED", "DUPLICATE", "REJECTED"}) String status,
                  String chargedUnits, String feeUnits, String providerUnits,
                  @Schema(description = "REJECTED only: the rejection's code (docs/ERRORS.md)") String code,
                  @Schema(description = "REJECTED only") String message,
                  @Schema(description = "REJECTED only: the fields at fault") List<FieldProblem> errors,
                  @Schema(description = "Present and true when the report's charges were held (prepaid, overdrawn)") Boolean held,
                  @Schema(description = "Present when this report closed the lease") LeaseClosed leaseClosed) {
    }

    @Schema(name = "LeaseClosedByUsage")
    record LeaseClosed(CloseReason reason, Instant closedAt) {
    }

    @Schema(name = "UsageBatchResults")
    record BatchResults(List<Result> results) {
    }
}
