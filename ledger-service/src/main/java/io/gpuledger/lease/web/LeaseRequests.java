package io.gpuledger.lease.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.CapacityPricing;
import io.gpuledger.lease.api.GpuHourPricing;
import io.gpuledger.lease.api.LeasePricing;
import io.gpuledger.lease.api.ChangeLeasePriceCommand;
import io.gpuledger.lease.api.CloseLeaseCommand;
import io.gpuledger.lease.api.CloseReason;
import io.gpuledger.lease.api.OpenLeaseCommand;
import io.gpuledger.lease.api.Sla;
import io.gpuledger.platform.JsonFields;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns lease request bodies into commands, naming every field at fault. */
final class LeaseRequests {

    private static final Set<String> OPEN_FIELDS = Set.of("leaseId", "providerId", "providerPayoutAddress",
            "tenantId", "gpuModel", "gpuCount", "priceUnitsPerGpuHour", "marketplaceFeeBps", "startsAt", "endsAt", "billing",
            "meterSigner", "tenantSigner", "disputeWindowSeconds", "pricing", "sla");
    private static final Set<String> PRICING_FIELDS = Set.of("kind", "capacityKw", "feeUnitsPerHour",
            "energyUnitsPerKwh");
    static final long MAX_CAPACITY_KW = 1L << 40;
    static final int MAX_GPU_COUNT = 1_000_000;
    static final long MAX_DISPUTE_WINDOW_SECONDS = 365L * 86_400;

    private LeaseRequests() {
    }

    static OpenLeaseCommand open(String marketplaceId, JsonNode body) {
        JsonFields f = JsonFields.of(body, OPEN_FIELDS);
        String leaseId = f.identifier("leaseId");
        String providerId = f.identifier("providerId");
        String payoutAddress = f.address("providerPayoutAddress");
        String tenantId = f.identifier("tenantId");
        String gpuModel = f.identifier("gpuModel");
        int gpuCount = f.integer("gpuCount", 1, MAX_GPU_COUNT);
        LeasePricing pricing = has(body, "pricing") ? pricing(body.get("pricing"), f) : null;
        BigInteger price = pricing == null ? f.tokenUnits("priceUnitsPerGpuHour") : null;
        int feeBps = f.integer("marketplaceFeeBps", 0, 10_000);
        Instant startsAt = f.instant("startsAt", true);
        Instant endsAt = f.instant("endsAt", false);
        Billing billing = body != null && body.has("billing") ? f.enumValue("billing", Billing.class) : Billing.POSTPAID;
        String meterSigner = has(body, "meterSigner") ? f.address("meterSigner") : null;
        String tenantSigner = has(body, "tenantSigner") ? f.address("tenantSigner") : null;
        Long disputeWindow = has(body, "disputeWindowSeconds")
                ? f.wholeNumber("disputeWindowSeconds", 0, MAX_DISPUTE_WINDOW_SECONDS) : null;
        if (!has(body, "meterSigner") && (tenantSigner != null || disputeWindow != null)) {
            f.problem("meterSigner", "is required with a tenantSigner or a disputeWindowSeconds");
        }
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
            f.problem("endsAt", "must be after startsAt");
        }
        Sla sla = has(body, "sla") ? SlaRequests.sla(body.get("sla"), f) : null;
        f.throwIfInvalid();
        if (pricing != null && has(body, "priceUnitsPerGpuHour")) {
            throw new LedgerRejection(RejectionCode.PRICING_CONFLICT, "priceUnitsPerGpuHour",
                    "a lease of kind " + pricing.kind() + " leaves priceUnitsPerGpuHour out");
        }
        return new OpenLeaseCommand(marketplaceId, leaseId, providerId, payoutAddress, tenantId, gpuModel, gpuCount,
                price, feeBps, startsAt, endsAt, billing, meterSigner, tenantSigner,
                meterSigner != null && disputeWindow == null ? Long.valueOf(OpenLeaseCommand.DEFAULT_DISPUTE_WINDOW_SECONDS)
                        : disputeWindow, pricing, sla);
    }

    /**
     * The open body's {@code pricing}: null for GPU_HOUR (priced by priceUnitsPerGpuHour, as without
     * it), or the capacity pricing; problems go to {@code f} under "pricing.".
     */
    private static LeasePricing pricing(JsonNode node, JsonFields f) {
        List<FieldProblem> problems = new ArrayList<>();
        JsonFields p = JsonFields.nested(node, "pricing", PRICING_FIELDS, problems);
        String kind = p.text("kind", true);
        LeasePricing pricing = null;
        if (GpuHourPricing.KIND.equals(kind)) {
            if (p.has("capacityKw") || p.has("feeUnitsPerHour") || p.has("energyUnitsPerKwh")) {
                p.problem("kind", "GPU_HOUR takes no capacityKw, feeUnitsPerHour or energyUnitsPerKwh");
            }
        } else if (CapacityPricing.KIND.equals(kind)) {
            long capacityKw = p.wholeNumber("capacityKw", 1, MAX_CAPACITY_KW);
            BigInteger fee = p.tokenUnits("feeUnitsPerHour");
            BigInteger energy = p.tokenUnits("energyUnitsPerKwh");
            pricing = new CapacityPricing(capacityKw, fee, energy);
        } else if (kind != null) {
            p.problem("kind", "must be one of [GPU_HOUR, CAPACITY]");
        }
        problems.forEach(problem -> f.problem(problem.field(), problem.message()));
        return problems.isEmpty() && pricing != null ? pricing : null;
    }

    private static boolean has(JsonNode body, String field) {
        return body != null && body.has(field) && !body.get(field).isNull();
    }

    static ChangeLeasePriceCommand changePrice(String marketplaceId, String leaseId, JsonNode body) {
        JsonFields f = JsonFields.of(body, Set.of("priceUnitsPerGpuHour", "feeUnitsPerHour", "energyUnitsPerKwh",
                "effectiveFrom"));
        BigInteger price = optionalUnits(f, "priceUnitsPerGpuHour");
        BigInteger fee = optionalUnits(f, "feeUnitsPerHour");
        BigInteger energy = optionalUnits(f, "energyUnitsPerKwh");
        if (price == null && fee == null && energy == null && f.valid()) {
            f.problem("priceUnitsPerGpuHour", "a price change names priceUnitsPerGpuHour, or feeUnitsPerHour and/or "
                    + "energyUnitsPerKwh for a CAPACITY lease");
        }
        Instant effectiveFrom = f.instant("effectiveFrom", true);
        f.throwIfInvalid();
        return new ChangeLeasePriceCommand(marketplaceId, leaseId, price, effectiveFrom, fee, energy);
    }

    private static BigInteger optionalUnits(JsonFields f, String field) {
        return f.has(field) ? f.tokenUnits(field) : null;
    }

    static CloseLeaseCommand close(String marketplaceId, String leaseId, JsonNode body) {
        JsonFields f = JsonFields.of(body, Set.of("reason", "closedAt"));
        CloseReason reason = f.enumValue("reason", CloseReason.class);
        Instant closedAt = f.instant("closedAt", true);
        f.throwIfInvalid();
        return new CloseLeaseCommand(marketplaceId, leaseId, reason, closedAt);
    }
}
