package io.gpuledger.lease.web;

import static io.gpuledger.auth.Role.MARKETPLACE;

import io.gpuledger.auth.Caller;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.lease.api.DisputeOutcome;
import io.gpuledger.lease.api.DisputeResult;
import io.gpuledger.lease.api.DisputeUsageCommand;
import io.gpuledger.lease.api.ResolveDisputeCommand;
import io.gpuledger.platform.IdempotentWrites;
import io.gpuledger.platform.JsonFields;
import io.gpuledger.platform.Rejects;
import io.gpuledger.platform.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
 * Disputes of signed usage: a report the tenant did not countersign may be disputed within its
 * lease's dispute window, and the dispute resolved ACCEPT or VOID. Each answers 201, or 200 with
 * the first answer when the same was asked before.
 */
@RestController
@RequestMapping(path = "/v1/leases/{leaseId}/usage/{reportId}", produces = MediaType.APPLICATION_JSON_VALUE)
class DisputeController {

    private final CommandGateway commands;
    private final IdempotentWrites writes;
    private final RequestBodies bodies;
    private final Clock clock = Clock.systemUTC();

    DisputeController(CommandGateway commands, IdempotentWrites writes, RequestBodies bodies) {
        this.commands = commands;
        this.writes = writes;
        this.bodies = bodies;
    }

    @PostMapping(path = "/dispute", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "disputeUsage", summary = "Disputes a signed report within its dispute window")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(schema = @Schema(implementation = DisputeRequest.class)))
    @ApiResponse(responseCode = "201", description = "DISPUTED; 200 with the first answer when disputed before", content = @Content(schema = @Schema(implementation = DisputeAnswer.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.LEASE_NOT_FOUND, RejectionCode.USAGE_REPORT_NOT_FOUND, RejectionCode.DISPUTE_WINDOW_CLOSED, RejectionCode.USAGE_COUNTERSIGNED})
    ResponseEntity<String> dispute(Caller caller, @PathVariable String leaseId, @PathVariable String reportId,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                   @RequestBody(required = false) byte[] body) {
        caller.requireRole(MARKETPLACE);
        return writes.execute(caller.idempotencyScope(), key,
                "POST /v1/leases/" + leaseId + "/usage/" + reportId + "/dispute", body, () -> {
                    JsonFields f = JsonFields.of(bodies.parse(body), Set.of("reason"));
                    String reason = reason(f);
                    f.pathIdentifier("reportId", reportId);
                    f.throwIfInvalid();
                    DisputeResult result = commands.sendAndWait(new DisputeUsageCommand(caller.marketplaceId(),
                            leaseId, reportId, reason, clock.instant()));
                    Map<String, Object> answer = answer(leaseId, result);
                    answer.put("disputedAt", result.at().toString());
                    return ResponseEntity.status(result.recordedBefore() ? 200 : 201).body(answer);
                });
    }

    @PostMapping(path = "/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "resolveDispute", summary = "Resolves a dispute: ACCEPT lets the report settle, VOID voids it")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(schema = @Schema(implementation = ResolveRequest.class)))
    @ApiResponse(responseCode = "201", description = "RESOLVED, with the slice taken back for VOID; 200 with the first answer when resolved so before", content = @Content(schema = @Schema(implementation = DisputeAnswer.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.LEASE_NOT_FOUND, RejectionCode.USAGE_REPORT_NOT_FOUND, RejectionCode.USAGE_NOT_DISPUTED, RejectionCode.DISPUTE_ALREADY_RESOLVED})
    ResponseEntity<String> resolve(Caller caller, @PathVariable String leaseId, @PathVariable String reportId,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                   @RequestBody(required = false) byte[] body) {
        caller.requireRole(MARKETPLACE);
        return writes.execute(caller.idempotencyScope(), key,
                "POST /v1/leases/" + leaseId + "/usage/" + reportId + "/resolve", body, () -> {
                    JsonFields f = JsonFields.of(bodies.parse(body), Set.of("outcome"));
                    DisputeOutcome outcome = f.enumValue("outcome", DisputeOutcome.class);
                    f.pathIdentifier("reportId", reportId);
                    f.throwIfInvalid();
                    DisputeResult result = commands.sendAndWait(new ResolveDisputeCommand(caller.marketplaceId(),
                            leaseId, reportId, outcome, clock.instant()));
                    Map<String, Object> answer = answer(leaseId, result);
                    answer.put("resolvedAt", result.at().toString());
                    if (result.voidSlice() != null) {
                        answer.put("chargedUnits", result.voidSlice().chargedUnits().toString());
                        answer.put("feeUnits", result.voidSlice().feeUnits().toString());
                        answer.put("providerUnits", result.voidSlice().providerUnits().toString());
                    }
                    return ResponseEntity.status(result.recordedBefore() ? 200 : 201).body(answer);
                });
    }

    /** The bodies and answer of these routes, as the OpenAPI description shows them. */
    record DisputeRequest(String reason) {
    }

    record ResolveRequest(DisputeOutcome outcome) {
    }

    record DisputeAnswer(String leaseId, String reportId, String status, String outcome, java.time.Instant disputedAt,
                         java.time.Instant resolvedAt, String chargedUnits, String feeUnits, String providerUnits) {
    }

    private static String reason(JsonFields f) {
        String reason = f.text("reason", true);
        if (reason != null && (reason.isBlank() || reason.length() > CorrectionRequests.MAX_REASON_LENGTH)) {
            f.problem("reason", "must be 1 to " + CorrectionRequests.MAX_REASON_LENGTH + " characters");
        }
        return reason;
    }

    private static Map<String, Object> answer(String leaseId, DisputeResult result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("leaseId", leaseId);
        answer.put("reportId", result.reportId());
        answer.put("status", result.outcome() == null ? "DISPUTED" : "RESOLVED");
        if (result.outcome() != null) {
            answer.put("outcome", result.outcome().name());
        }
        return answer;
    }
}
