package io.gpuledger.audit;

import static io.gpuledger.auth.Role.AUDITOR;
import static io.gpuledger.auth.Role.MARKETPLACE;

import io.gpuledger.auth.Caller;
import io.gpuledger.auth.Role;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.platform.QueryParameters;
import io.gpuledger.platform.Rejects;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Exports of lease histories, streamed: {@code GET /v1/exports/events} as JSON Lines (default) or,
 * with {@code Accept: text/csv}, CSV. Filters: marketplaceId (auditors), leaseId, providerId,
 * tenantId, from and to over the time each event was recorded. A marketplace exports only its own.
 */
@RestController
class ExportController {

    static final String JSON_LINES = "application/x-ndjson";

    private final HistoryExport export;

    ExportController(HistoryExport export) {
        this.export = export;
    }

    @GetMapping(path = "/v1/exports/events", produces = {JSON_LINES, MediaType.APPLICATION_JSON_VALUE})
    @Operation(operationId = "exportEvents", summary = "Lease histories as JSON Lines")
    @Rejects({RejectionCode.VALIDATION_FAILED})
    ResponseEntity<StreamingResponseBody> jsonLines(Caller caller, @RequestParam(required = false) String marketplaceId,
            @RequestParam(required = false) String leaseId, @RequestParam(required = false) String providerId,
            @RequestParam(required = false) String tenantId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        HistoryExport.Filter filter = filter(caller, marketplaceId, leaseId, providerId, tenantId, from, to);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(JSON_LINES))
                .body(out -> export.write(filter, HistoryExport.Format.JSONL, out));
    }

    @GetMapping(path = "/v1/exports/events", produces = "text/csv")
    @Operation(operationId = "exportEventsCsv", summary = "Lease histories as CSV")
    @Rejects({RejectionCode.VALIDATION_FAILED})
    ResponseEntity<StreamingResponseBody> csv(Caller caller, @RequestParam(required = false) String marketplaceId,
            @RequestParam(required = false) String leaseId, @RequestParam(required = false) String providerId,
            @RequestParam(required = false) String tenantId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        HistoryExport.Filter filter = filter(caller, marketplaceId, leaseId, providerId, tenantId, from, to);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv"))
                .body(out -> export.write(filter, HistoryExport.Format.CSV, out));
    }

    private static HistoryExport.Filter filter(Caller caller, String marketplaceId, String leaseId,
                                               String providerId, String tenantId, String from, String to) {
        caller.requireRole(MARKETPLACE, AUDITOR);
        String owner = caller.role() == Role.MARKETPLACE ? caller.marketplaceId() : marketplaceId;
        return new HistoryExport.Filter(owner, leaseId, providerId, tenantId, from(from), to(to));
    }

    private static Instant from(String text) {
        return QueryParameters.instant("from", text);
    }

    private static Instant to(String text) {
        return QueryParameters.instant("to", text);
    }
}
