package io.gpuledger.processing;

import static io.gpuledger.auth.Role.OPERATOR;

import io.gpuledger.auth.Caller;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.platform.EmptyRequest;
import io.gpuledger.platform.IdempotentWrites;
import io.gpuledger.platform.JsonFields;
import io.gpuledger.platform.Rejects;
import io.gpuledger.platform.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The event processors, for operators: their status and lag, and a reset that rebuilds one's views. */
@RestController
@RequestMapping(path = "/v1/processors", produces = MediaType.APPLICATION_JSON_VALUE)
class ProcessorsController {

    record ProcessorsJson(List<ProcessorStatus> processors) {
    }

    private final Processors processors;
    private final IdempotentWrites writes;
    private final RequestBodies bodies;

    ProcessorsController(Processors processors, IdempotentWrites writes, RequestBodies bodies) {
        this.processors = processors;
        this.writes = writes;
        this.bodies = bodies;
    }

    @GetMapping
    ProcessorsJson statuses(Caller caller) {
        caller.requireRole(OPERATOR);
        return new ProcessorsJson(processors.statuses());
    }

    /**
     * Rebuilds the processor's views from the first event: 202 with its status; the replay's progress
     * shows in {@code GET /v1/processors} ({@code replaying}, {@code replayPercent}, {@code lag}).
     */
    @PostMapping("/{name}/reset")
    @Operation(operationId = "resetProcessor", summary = "Rebuilds one processor's views from the first event")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = EmptyRequest.class)))
    @ApiResponse(responseCode = "202", description = "The processor's status, replaying", content = @Content(schema = @Schema(implementation = ProcessorStatus.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.PROCESSOR_NOT_FOUND, RejectionCode.PROCESSOR_CLAIMED_ELSEWHERE})
    ResponseEntity<String> reset(Caller caller, @PathVariable String name,
                                 @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                 @RequestBody(required = false) byte[] body) {
        caller.requireRole(OPERATOR);
        return writes.execute(caller.idempotencyScope(), key, "POST /v1/processors/" + name + "/reset", body, () -> {
            if (body != null && body.length > 0) {
                JsonFields.of(bodies.parse(body), Set.of()).throwIfInvalid();
            }
            if (processors.status(name).isEmpty()) {
                throw new LedgerRejection(RejectionCode.PROCESSOR_NOT_FOUND, "name", "no event processor named " + name);
            }
            try {
                processors.reset(name);
            } catch (Processors.ClaimedElsewhere e) {
                throw new LedgerRejection(RejectionCode.PROCESSOR_CLAIMED_ELSEWHERE, "name", e.getMessage()
                        + "; stop it there, or reset it from the instance that holds it");
            }
            return ResponseEntity.status(202).body(processors.status(name).orElseThrow());
        });
    }
}
