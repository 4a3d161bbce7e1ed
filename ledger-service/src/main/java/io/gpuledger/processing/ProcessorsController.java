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
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.ObjIntConsumer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The event processors, for operators: their status and lag, a reset that rebuilds one's views, and
 * the segment changes that spread a processor over instances (split, merge, release).
 */
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

    /** Splits a segment this instance processes in two; 200 with the processor's status after it. */
    @PostMapping("/{name}/segments/{segment}/split")
    @Operation(operationId = "splitProcessorSegment", summary = "Splits a segment this instance processes in two")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = EmptyRequest.class)))
    @ApiResponse(responseCode = "200", description = "The processor's status", content = @Content(schema = @Schema(implementation = ProcessorStatus.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.PROCESSOR_NOT_FOUND, RejectionCode.PROCESSOR_SEGMENT_NOT_FOUND,
            RejectionCode.PROCESSOR_CLAIMED_ELSEWHERE, RejectionCode.PROCESSOR_THREADS_TOO_FEW,
            RejectionCode.PROCESSOR_NOT_SPLITTABLE})
    ResponseEntity<String> split(Caller caller, @PathVariable String name, @PathVariable String segment,
                                 @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                 @RequestBody(required = false) byte[] body) {
        return changeSegment(caller, name, segment, "split", key, body, processors::split);
    }

    /** Merges a segment this instance processes with the one it was split from; 200 with the status after it. */
    @PostMapping("/{name}/segments/{segment}/merge")
    @Operation(operationId = "mergeProcessorSegment", summary = "Merges a segment with the one it was split from")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = EmptyRequest.class)))
    @ApiResponse(responseCode = "200", description = "The processor's status", content = @Content(schema = @Schema(implementation = ProcessorStatus.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.PROCESSOR_NOT_FOUND, RejectionCode.PROCESSOR_SEGMENT_NOT_FOUND,
            RejectionCode.PROCESSOR_CLAIMED_ELSEWHERE, RejectionCode.PROCESSOR_SEGMENT_NOT_MERGEABLE})
    ResponseEntity<String> merge(Caller caller, @PathVariable String name, @PathVariable String segment,
                                 @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                 @RequestBody(required = false) byte[] body) {
        return changeSegment(caller, name, segment, "merge", key, body, processors::merge);
    }

    /**
     * Gives up a segment this instance processes for {@link #RELEASE_FOR}, so that another instance
     * claims it; this one claims it again afterwards only if no other has.
     */
    @PostMapping("/{name}/segments/{segment}/release")
    @Operation(operationId = "releaseProcessorSegment", summary = "Gives up a segment here so that another instance claims it")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = EmptyRequest.class)))
    @ApiResponse(responseCode = "200", description = "The processor's status", content = @Content(schema = @Schema(implementation = ProcessorStatus.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.PROCESSOR_NOT_FOUND, RejectionCode.PROCESSOR_SEGMENT_NOT_FOUND,
            RejectionCode.PROCESSOR_CLAIMED_ELSEWHERE})
    ResponseEntity<String> release(Caller caller, @PathVariable String name, @PathVariable String segment,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                   @RequestBody(required = false) byte[] body) {
        return changeSegment(caller, name, segment, "release", key, body,
                (processor, number) -> processors.release(processor, number, RELEASE_FOR));
    }

    static final Duration RELEASE_FOR = Duration.ofSeconds(10);

    private ResponseEntity<String> changeSegment(Caller caller, String name, String segment, String change, String key,
                                                 byte[] body, ObjIntConsumer<String> apply) {
        caller.requireRole(OPERATOR);
        String route = "POST /v1/processors/" + name + "/segments/" + segment + "/" + change;
        return writes.execute(caller.idempotencyScope(), key, route, body, () -> {
            if (body != null && body.length > 0) {
                JsonFields.of(bodies.parse(body), Set.of()).throwIfInvalid();
            }
            if (processors.status(name).isEmpty()) {
                throw new LedgerRejection(RejectionCode.PROCESSOR_NOT_FOUND, "name", "no event processor named " + name);
            }
            int number = segmentNumber(segment);
            try {
                apply.accept(name, number);
            } catch (Processors.SegmentNotFound e) {
                throw new LedgerRejection(RejectionCode.PROCESSOR_SEGMENT_NOT_FOUND, "segment", e.getMessage());
            } catch (Processors.ClaimedElsewhere e) {
                throw new LedgerRejection(RejectionCode.PROCESSOR_CLAIMED_ELSEWHERE, "segment", e.getMessage()
                        + "; send this to the instance that processes it");
            } catch (Processors.TooFewThreads e) {
                throw new LedgerRejection(RejectionCode.PROCESSOR_THREADS_TOO_FEW, "segment", e.getMessage());
            } catch (Processors.NotSplittable e) {
                throw new LedgerRejection(RejectionCode.PROCESSOR_NOT_SPLITTABLE, "name", e.getMessage());
            } catch (Processors.NotMergeable e) {
                throw new LedgerRejection(RejectionCode.PROCESSOR_SEGMENT_NOT_MERGEABLE, "segment", e.getMessage());
            }
            return ResponseEntity.ok(processors.status(name).orElseThrow());
        });
    }

    private static int segmentNumber(String segment) {
        try {
            int number = Integer.parseInt(segment);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new LedgerRejection(RejectionCode.PROCESSOR_SEGMENT_NOT_FOUND, "segment",
                "a segment is a non-negative integer, not " + segment);
    }
}
