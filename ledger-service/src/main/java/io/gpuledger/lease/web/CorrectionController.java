package io.gpuledger.lease.web;

import static io.gpuledger.auth.Role.MARKETPLACE;

import io.gpuledger.auth.Caller;
import io.gpuledger.common.Charges;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.lease.api.AdjustLeaseCommand;
import io.gpuledger.lease.api.CorrectionResult;
import io.gpuledger.lease.api.VoidUsageCommand;
import io.gpuledger.platform.IdempotentWrites;
import io.gpuledger.platform.Rejects;
import io.gpuledger.platform.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Corrections are new events, never edits: a void stops a report counting, an adjustment credits or
 * debits the lease. Each answers 201 with the slice of the lease's charges it moved, or 200 with the
 * first answer when it was made before.
 */
@RestController
@RequestMapping(path = "/v1/leases/{leaseId}", produces = MediaType.APPLICATION_JSON_VALUE)
class CorrectionController {

    private final CommandGateway commands;
    private final IdempotentWrites writes;
    private final RequestBodies bodies;

    CorrectionController(CommandGateway commands, IdempotentWrites writes, RequestBodies bodies) {
        this.commands = commands;
        this.writes = writes;
        this.bodies = bodies;
    }

    @PostMapping(path = "/adjustments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "adjustLease", summary = "Debits or credits the lease")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(schema = @Schema(implementation = CorrectionBodies.Adjust.class)))
    @ApiResponse(responseCode = "201", description = "The adjustment as recorded; 200 with the first answer for the same adjustmentId and body", content = @Content(schema = @Schema(implementation = CorrectionBodies.Adjusted.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.LEASE_NOT_FOUND, RejectionCode.ADJUSTMENT_CONFLICT, RejectionCode.ADJUSTMENT_EXCEEDS_CHARGES})
    ResponseEntity<String> adjust(Caller caller, @PathVariable String leaseId,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                  @RequestBody(required = false) byte[] body) {
        caller.requireRole(MARKETPLACE);
        return writes.execute(caller.idempotencyScope(), key, "POST /v1/leases/" + leaseId + "/adjustments", body,
                () -> {
                    AdjustLeaseCommand command = CorrectionRequests.adjustment(caller.marketplaceId(), leaseId,
                            bodies.parse(body));
                    CorrectionResult result = commands.sendAndWait(command);
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("leaseId", leaseId);
                    answer.put("adjustmentId", command.adjustmentId());
                    answer.put("kind", command.kind().name());
                    answer.put("amountUnits", command.amountUnits().toString());
                    answer.put("reason", command.reason().name());
                    return answered(result, answer);
                });
    }

    @PostMapping(path = "/usage/{reportId}/void", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "voidUsage", summary = "Takes back a usage report")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(schema = @Schema(implementation = CorrectionBodies.Void.class)))
    @ApiResponse(responseCode = "201", description = "The (negative) slice taken back; 200 with the first answer when voided before", content = @Content(schema = @Schema(implementation = CorrectionBodies.Voided.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.LEASE_NOT_FOUND, RejectionCode.USAGE_REPORT_NOT_FOUND, RejectionCode.VOID_EXCEEDS_CHARGES})
    ResponseEntity<String> voidUsage(Caller caller, @PathVariable String leaseId, @PathVariable String reportId,
                                     @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                     @RequestBody(required = false) byte[] body) {
        caller.requireRole(MARKETPLACE);
        return writes.execute(caller.idempotencyScope(), key,
                "POST /v1/leases/" + leaseId + "/usage/" + reportId + "/void", body, () -> {
                    VoidUsageCommand command = CorrectionRequests.voidUsage(caller.marketplaceId(), leaseId, reportId,
                            bodies.parse(body));
                    CorrectionResult result = commands.sendAndWait(command);
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("leaseId", leaseId);
                    answer.put("reportId", reportId);
                    answer.put("status", "VOIDED");
                    return answered(result, answer);
                });
    }

    private static ResponseEntity<Object> answered(CorrectionResult result, Map<String, Object> answer) {
        Charges slice = result.slice();
        answer.put("chargedUnits", slice.chargedUnits().toString());
        answer.put("feeUnits", slice.feeUnits().toString());
        answer.put("providerUnits", slice.providerUnits().toString());
        return ResponseEntity.status(result.recordedBefore() ? 200 : 201).body(answer);
    }
}
