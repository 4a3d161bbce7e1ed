package io.gpuledger.processing;

import static io.gpuledger.auth.Role.OPERATOR;

import io.gpuledger.auth.Caller;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.platform.IdempotentWrites;
import io.gpuledger.platform.JsonFields;
import io.gpuledger.platform.Rejects;
import io.gpuledger.platform.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
    static final int MAX_LIMIT = 1000;

    record DeadLettersJson(List<DeadLetter> items, String nextCursor) {
    }

    private final DeadLetters deadLetters;
    private final IdempotentWrites writes;
    private final RequestBodies bodies;

    DeadLettersController(DeadLetters deadLetters, IdempotentWrites writes, RequestBodies bodies) {
        this.deadLetters = deadLetters;
        this.writes = writes;
        this.bodies = bodies;
    }

    @GetMapping("/v1/dead-letters")
    DeadLettersJson list(Caller caller, @RequestParam(required = false) String processingGroup,
                         @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        caller.requireRole(OPERATOR);
        if (processingGroup != null) {
            requireGroup(processingGroup);
        }
        int pageSize = limit(limit);
        List<DeadLetter> letters = deadLetters.list(processingGroup, after(cursor), pageSize + 1);
        List<DeadLetter> shown = letters.subList(0, Math.min(pageSize, letters.size()));
        String next = letters.size() > pageSize ? cursorAfter(shown.get(shown.size() - 1)) : null;
        return new DeadLettersJson(shown, next);
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

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, as any other limit out of range
        }
        throw invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** A cursor is base64url of where the page before ended: its last letter's enqueuedAt, a space, its id. */
    private static DeadLetters.After after(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String after = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int space = after.indexOf(' ');
            if (space > 0) {
                return new DeadLetters.After(after.substring(0, space), after.substring(space + 1));
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw invalid("cursor", "must be the nextCursor of an earlier page");
    }

    private static String cursorAfter(DeadLetter last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (last.enqueuedAt() + " " + last.deadLetterId()).getBytes(StandardCharsets.UTF_8));
    }

    private static InvalidRequest invalid(String field, String message) {
        return new InvalidRequest(RejectionCode.VALIDATION_FAILED, List.of(new FieldProblem(field, message)));
    }
}
