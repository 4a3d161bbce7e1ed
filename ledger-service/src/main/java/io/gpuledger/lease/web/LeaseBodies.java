package io.gpuledger.lease.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.CloseReason;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The bodies of the lease routes as the OpenAPI description shows them. Requests are read field by
 * field by {@link LeaseRequests} (so every bad field is named); these records describe them.
 */
final class LeaseBodies {

    private LeaseBodies() {
    }

    @Schema(name = "OpenLeaseRequest", description = "A lease to open in the caller's marketplace")
    record OpenLease(
            @Schema(requiredMode = REQUIRED, description = "Unique in the marketplace") String leaseId,
            @Schema(requiredMode = REQUIRED) String providerId,
            @Schema(requiredMode = REQUIRED, description = "Where the provider is paid; EIP-55 checked when mixed case") String providerPayoutAddress,
            @Schema(requiredMode = REQUIRED) String tenantId,
            @Schema(requiredMode = REQUIRED) String gpuModel,
            @Schema(requiredMode = REQUIRED, minimum = "1", maximum = "1000000") int gpuCount,
            @Schema(requiredMode = REQUIRED, description = "Token units per GPU-hour") String priceUnitsPerGpuHour,
            @Schema(requiredMode = REQUIRED, minimum = "0", maximum = "10000") int marketplaceFeeBps,
            @Schema(requiredMode = REQUIRED) Instant startsAt,
            @Schema(description = "After startsAt; open-ended when absent") Instant endsAt,
            @Schema(description = "POSTPAID when absent") Billing billing,
            @Schema(description = "Service level: monthly windows credited by uptime; none when absent") Sla sla) {
    }

    @Schema(name = "Sla", description = "Each UTC month of the lease is a window; below a tier's belowBps of uptime its creditBps of the window's charges are credited")
    record Sla(@Schema(requiredMode = REQUIRED, minimum = "0", maximum = "10000", example = "9990") int uptimeTargetBps,
               @Schema(requiredMode = REQUIRED, description = "1 to 16 tiers with distinct belowBps") List<SlaCreditTier> credits) {
    }

    @Schema(name = "SlaCreditTier")
    record SlaCreditTier(@Schema(requiredMode = REQUIRED, minimum = "0", maximum = "10000", example = "9990") int belowBps,
                         @Schema(requiredMode = REQUIRED, minimum = "1", maximum = "10000", example = "1000") int creditBps) {
    }

    @Schema(name = "ChangeLeasePriceRequest")
    record ChangePrice(@Schema(requiredMode = REQUIRED) String priceUnitsPerGpuHour,
                       @Schema(requiredMode = REQUIRED) Instant effectiveFrom) {
    }

    @Schema(name = "LeasePriceChanged")
    record PriceChanged(String leaseId, String priceUnitsPerGpuHour, Instant effectiveFrom) {
    }

    @Schema(name = "CloseLeaseRequest")
    record Close(@Schema(requiredMode = REQUIRED) CloseReason reason,
                 @Schema(requiredMode = REQUIRED) Instant closedAt) {
    }

    @Schema(name = "LeaseClosed")
    record Closed(String leaseId, @Schema(allowableValues = "CLOSED") String state, CloseReason reason,
                  Instant closedAt) {
    }
}
