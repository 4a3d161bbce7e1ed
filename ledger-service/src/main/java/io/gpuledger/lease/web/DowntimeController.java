package io.gpuledger.lease.web;

import static io.gpuledger.auth.Role.MARKETPLACE;

import io.gpuledger.auth.Caller;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.lease.api.DowntimeResult;
import io.gpuledger.lease.api.ReportDowntimeCommand;
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

/** Downtime of a lease with an SLA: 201 when recorded, 200 with the first answer for the same report again. */
@RestController
@RequestMapping(path = "/v1/leases/{leaseId}", produces = MediaType.APPLICATION_JSON_VALUE)
class DowntimeController {

    private final CommandGateway commands;
    private final IdempotentWrites writes;
    private final RequestBodies bodies;

    DowntimeController(CommandGateway commands, IdempotentWrites writes, RequestBodies bodies) {
        this.commands = commands;
        this.writes = writes;
        this.bodies = bodies;
    }

    @PostMapping(path = "/downtime", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "reportDowntime", summary = "Reports a period the lease's GPUs were down")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(schema = @Schema(implementation = SlaBodies.ReportDowntime.class)))
    @ApiResponse(responseCode = "201", description = "The downtime as recorded; 200 with the first answer for the same reportId and period", content = @Content(schema = @Schema(implementation = SlaBodies.DowntimeReported.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.LEASE_NOT_FOUND, RejectionCode.LEASE_WITHOUT_SLA,
            RejectionCode.DOWNTIME_OUTSIDE_LEASE, RejectionCode.DOWNTIME_OVERLAP, RejectionCode.DOWNTIME_REPORT_CONFLICT,
            RejectionCode.SLA_WINDOW_CLOSED})
    ResponseEntity<String> report(Caller caller, @PathVariable String leaseId,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                  @RequestBody(required = false) byte[] body) {
        caller.requireRole(MARKETPLACE);
        return writes.execute(caller.idempotencyScope(), key, "POST /v1/leases/" + leaseId + "/downtime", body, () -> {
            ReportDowntimeCommand command = SlaRequests.downtime(caller.marketplaceId(), leaseId, bodies.parse(body));
            DowntimeResult result = commands.sendAndWait(command);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("leaseId", leaseId);
            answer.put("reportId", result.reportId());
            answer.put("status", "RECORDED");
            answer.put("from", result.from().toString());
            answer.put("to", result.to().toString());
            return ResponseEntity.status(result.recordedBefore() ? 200 : 201).body(answer);
        });
    }
}
