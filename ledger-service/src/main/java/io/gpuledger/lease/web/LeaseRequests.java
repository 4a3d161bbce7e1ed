package io.gpuledger.lease.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.ChangeLeasePriceCommand;
import io.gpuledger.lease.api.CloseLeaseCommand;
import io.gpuledger.lease.api.CloseReason;
import io.gpuledger.lease.api.OpenLeaseCommand;
import io.gpuledger.lease.api.Sla;
import io.gpuledger.platform.JsonFields;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Set;

/** Turns lease request bodies into commands, naming every field at fault. */
final class LeaseRequests {

    private static final Set<String> OPEN_FIELDS = Set.of("leaseId", "providerId", "providerPayoutAddress",
            "tenantId", "gpuModel", "gpuCount", "priceUnitsPerGpuHour", "marketplaceFeeBps", "startsAt", "endsAt", "billing",
            "meterSigner", "tenantSigner", "disputeWindowSeconds", "sla");
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
        BigInteger price = f.tokenUnits("priceUnitsPerGpuHour");
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
        return new OpenLeaseCommand(marketplaceId, leaseId, providerId, payoutAddress, tenantId, gpuModel, gpuCount,
                price, feeBps, startsAt, endsAt, billing, meterSigner, tenantSigner,
                meterSigner != null && disputeWindow == null ? Long.valueOf(OpenLeaseCommand.DEFAULT_DISPUTE_WINDOW_SECONDS)
                        : disputeWindow, sla);
    }

    private static boolean has(JsonNode body, String field) {
        return body != null && body.has(field) && !body.get(field).isNull();
    }

    static ChangeLeasePriceCommand changePrice(String marketplaceId, String leaseId, JsonNode body) {
        JsonFields f = JsonFields.of(body, Set.of("priceUnitsPerGpuHour", "effectiveFrom"));
        BigInteger price = f.tokenUnits("priceUnitsPerGpuHour");
        Instant effectiveFrom = f.instant("effectiveFrom", true);
        f.throwIfInvalid();
        return new ChangeLeasePriceCommand(marketplaceId, leaseId, price, effectiveFrom);
    }

    static CloseLeaseCommand close(String marketplaceId, String leaseId, JsonNode body) {
        JsonFields f = JsonFields.of(body, Set.of("reason", "closedAt"));
        CloseReason reason = f.enumValue("reason", CloseReason.class);
        Instant closedAt = f.instant("closedAt", true);
        f.throwIfInvalid();
        return new CloseLeaseCommand(marketplaceId, leaseId, reason, closedAt);
    }
}
