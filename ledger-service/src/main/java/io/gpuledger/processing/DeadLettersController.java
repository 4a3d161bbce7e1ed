package io.gpuledger.processing;

import static io.gpuledger.auth.Role.OPERATOR;

import io.gpuledger.auth.Caller;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.platform.Cursors;
import io.gpuledger.platform.IdempotentWrites;
import io.gpuledger.platform.JsonFields;
import io.gpuledger.platform.Page;
import io.gpuledger.platform.PageRequest;
import io.gpuledger.platform.Rejects;
import io.gpuledger.platform.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The projections' dead letters, for operators: list them, and retry them once the cause is fixed. */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
class DeadLettersController {

    static final int DEFAULT_LIMIT = 100;

    record DeadLettersJson(List<DeadLetter> items, String nextCursor) {
    }

    private final DeadLetters deadLetters;
    private final IdempotentWrites writes;
    private final RequestBodies bodies;
    private final Cursors cursors;

    DeadLettersController(DeadLetters deadLetters, IdempotentWrites writes, RequestBodies bodies, Cursors cursors) {
        this.deadLetters = deadLetters;
        this.writes = writes;
        this.bodies = bodies;
        this.cursors = cursors;
    }

    @GetMapping("/v1/dead-letters")
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.INVALID_CURSOR, RejectionCode.PROCESSOR_NOT_FOUND})
    DeadLettersJson list(Caller caller, @RequestParam(required = false) String processingGroup,
                         @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        caller.requireRole(OPERATOR);
        if (processingGroup != null) {
            requireGroup(processingGroup);
        }
        List<String> list = Arrays.asList("GET /v1/dead-letters", processingGroup);
        PageRequest request = cursors.request(limit, cursor, DEFAULT_LIMIT, list);
        Page<DeadLetter> page = cursors.page(deadLetters.list(processingGroup, after(request), request.fetch()), request,
                letter -> letter.enqueuedAt() + " " + letter.deadLetterId(), list);
        return new DeadLettersJson(page.items(), page.nextCursor());
    }

    /** Retries every dead letter of one processing group: {@code {"processingGroup": "billing"}}. */
    @PostMapping("/v1/dead-letters:retry")
    @Operation(operationId = "retryDeadLetters", summary = "Retries the dead letters of one processing group")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = RetryRequest.class)))
    @ApiResponse(responseCode = "200", description = "What the retry applied and what still fails", content = @Content(schema = @Schema(implementation = DeadLetters.Retried.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.PROCESSOR_NOT_FOUND})
    ResponseEntity<String> retry(Caller caller, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                 @RequestBody(required = false) byte[] body) {
        caller.requireRole(OPERATOR);
        return writes.execute(caller.idempotencyScope(), key, "POST /v1/dead-letters:retry", body, () -> {
            JsonFields fields = JsonFields.of(bodies.parse(body), Set.of("processingGroup"));
            String group = fields.text("processingGroup", true);
            fields.throwIfInvalid();
            requireGroup(group);
            return ResponseEntity.ok(deadLetters.retry(group));
        });
    }

    /** The body of a retry, as the OpenAPI description shows it. */
    record RetryRequest(String processingGroup) {
    }

    private void requireGroup(String processingGroup) {
        if (!deadLetters.isGroup(processingGroup)) {
            throw new LedgerRejection(RejectionCode.PROCESSOR_NOT_FOUND, "processingGroup",
                    "no processing group named " + processingGroup);
        }
    }

    /** A page ends at its last letter: when it was queued, a space, its id. */
    private static DeadLetters.After after(PageRequest request) {
        if (request.after() == null) {
            return null;
        }
        int space = request.after().indexOf(' ');
        if (space <= 0) {
            throw Cursors.invalidCursor();
        }
        return new DeadLetters.After(request.after().substring(0, space), request.after().substring(space + 1));
    }
}
