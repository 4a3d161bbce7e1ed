package io.gpuledger.lease.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The bodies of the downtime route as the OpenAPI description shows them; {@link SlaRequests} reads them. */
final class SlaBodies {

    private SlaBodies() {
    }

    @Schema(name = "ReportDowntimeRequest", description = "A period the lease's GPUs were down, within the lease")
    record ReportDowntime(@Schema(requiredMode = REQUIRED, description = "Unique within the lease") String reportId,
                          @Schema(requiredMode = REQUIRED) Instant from,
                          @Schema(requiredMode = REQUIRED, description = "After from") Instant to) {
    }

    @Schema(name = "DowntimeReported")
    record DowntimeReported(String leaseId, String reportId, @Schema(allowableValues = "RECORDED") String status,
                            Instant from, Instant to) {
    }
}
