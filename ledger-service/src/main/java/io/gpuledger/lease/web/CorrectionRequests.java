package io.gpuledger.lease.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.lease.api.AdjustLeaseCommand;
import io.gpuledger.lease.api.AdjustmentKind;
import io.gpuledger.lease.api.AdjustmentReason;
import io.gpuledger.lease.api.SlaWindowClosedEvent;
import io.gpuledger.lease.api.VoidUsageCommand;
import io.gpuledger.platform.JsonFields;
import java.math.BigInteger;
import java.util.Set;

/** Turns void and adjustment bodies into commands, naming every field at fault. */
final class CorrectionRequests {

    static final int MAX_REASON_LENGTH = 500;

    private CorrectionRequests() {
    }

    static AdjustLeaseCommand adjustment(String marketplaceId, String leaseId, JsonNode body) {
        JsonFields f = JsonFields.of(body, Set.of("adjustmentId", "kind", "amountUnits", "reason"));
        String adjustmentId = f.identifier("adjustmentId");
        AdjustmentKind kind = f.enumValue("kind", AdjustmentKind.class);
        BigInteger amount = f.tokenUnits("amountUnits");
        AdjustmentReason reason = f.enumValue("reason", AdjustmentReason.class);
        if (amount != null && amount.signum() == 0) {
            f.problem("amountUnits", "must be positive");
        }
        if (adjustmentId != null && adjustmentId.startsWith(SlaWindowClosedEvent.ADJUSTMENT_ID_PREFIX)) {
            f.problem("adjustmentId", "must not start with " + SlaWindowClosedEvent.ADJUSTMENT_ID_PREFIX
                    + ": the ledger records SLA credits under those ids");
        }
        f.throwIfInvalid();
        return new AdjustLeaseCommand(marketplaceId, leaseId, adjustmentId, kind, amount, reason);
    }

    static VoidUsageCommand voidUsage(String marketplaceId, String leaseId, String reportId, JsonNode body) {
        JsonFields f = JsonFields.of(body, Set.of("reason"));
        String reason = f.text("reason", true);
        if (reason != null && (reason.isBlank() || reason.length() > MAX_REASON_LENGTH)) {
            f.problem("reason", "must be 1 to " + MAX_REASON_LENGTH + " characters");
        }
        f.pathIdentifier("reportId", reportId);
        f.throwIfInvalid();
        return new VoidUsageCommand(marketplaceId, leaseId, reportId, reason);
    }
}
