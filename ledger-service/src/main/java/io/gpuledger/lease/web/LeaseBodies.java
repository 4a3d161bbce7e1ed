package io.gpuledger.lease.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.ChangeLeasePriceCommand;
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
            @Schema(description = "Token units per GPU-hour; required for GPU_HOUR, left out for other kinds") String priceUnitsPerGpuHour,
            @Schema(requiredMode = REQUIRED, minimum = "0", maximum = "10000") int marketplaceFeeBps,
            @Schema(requiredMode = REQUIRED) Instant startsAt,
            @Schema(description = "After startsAt; open-ended when absent") Instant endsAt,
            @Schema(description = "POSTPAID when absent") Billing billing,
            @Schema(description = "{\"kind\": \"GPU_HOUR\"} when absent") Pricing pricing,
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

    @Schema(name = "LeasePricing", description = "How the lease is priced (docs/MONEY.md, \"Pricing kinds\")")
    record Pricing(@Schema(requiredMode = REQUIRED, allowableValues = {"GPU_HOUR", "CAPACITY"}) String kind,
                   @Schema(description = "CAPACITY only: the site's power; energyWh per period is at most capacityKw × seconds / 3.6", minimum = "1") Long capacityKw,
                   @Schema(description = "CAPACITY only: token units per hour of lease time") String feeUnitsPerHour,
                   @Schema(description = "CAPACITY only: token units per kWh reported") String energyUnitsPerKwh) {
    }

    @Schema(name = "ChangeLeasePriceRequest", description = "A GPU_HOUR lease names priceUnitsPerGpuHour; a CAPACITY lease feeUnitsPerHour, energyUnitsPerKwh or both")
    record ChangePrice(String priceUnitsPerGpuHour, String feeUnitsPerHour, String energyUnitsPerKwh,
                       @Schema(requiredMode = REQUIRED) Instant effectiveFrom) {
    }

    @Schema(name = "LeasePriceChanged", description = "The rates the request changed, from effectiveFrom on")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PriceChanged(String leaseId, String priceUnitsPerGpuHour, String feeUnitsPerHour, String energyUnitsPerKwh,
                        Instant effectiveFrom) {

        static PriceChanged of(String leaseId, ChangeLeasePriceCommand c) {
            return new PriceChanged(leaseId, text(c.priceUnitsPerGpuHour()), text(c.feeUnitsPerHour()),
                    text(c.energyUnitsPerKwh()), c.effectiveFrom());
        }

        private static String text(java.math.BigInteger units) {
            return units == null ? null : units.toString();
        }
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
