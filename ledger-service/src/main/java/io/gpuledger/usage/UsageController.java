package io.gpuledger.usage;

import static io.gpuledger.auth.Role.MARKETPLACE;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.auth.Caller;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.lease.api.RecordUsageCommand;
import io.gpuledger.lease.api.UsageOutcome;
import io.gpuledger.lease.api.UsageReport;
import io.gpuledger.platform.IdempotentWrites;
import io.gpuledger.platform.JsonFields;
import io.gpuledger.platform.Rejects;
import io.gpuledger.platform.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UsageController {

    private final CommandGateway commands;
    private final IdempotentWrites writes;
    private final RequestBodies bodies;
    private final UsageBatches batches;
    private final SignedReports signed;
    private final int maxBatchReports;
    private final UsageMetrics metrics;

    UsageController(CommandGateway commands, IdempotentWrites writes, RequestBodies bodies, UsageBatches batches,
                    SignedReports signed, @Value("${ledger.usage.max-batch-reports}") int maxBatchReports,
                    UsageMetrics metrics) {
        this.signed = signed;
        this.commands = commands;
        this.writes = writes;
        this.bodies = bodies;
        this.batches = batches;
        this.maxBatchReports = maxBatchReports;
        this.metrics = metrics;
    }

    @PostMapping(path = "/v1/leases/{leaseId}/usage", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "recordUsage", summary = "Records a usage report of the lease")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(schema = @Schema(implementation = UsageBodies.Report.class)))
    @ApiResponse(responseCode = "201", description = "ACCEPTED; 200 DUPLICATE with the first result when recorded before", content = @Content(schema = @Schema(implementation = UsageBodies.Result.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.LEASE_NOT_FOUND, RejectionCode.LEASE_CLOSED, RejectionCode.USAGE_OUTSIDE_LEASE, RejectionCode.USAGE_EXCEEDS_CAPACITY, RejectionCode.USAGE_PERIOD_OVERLAP, RejectionCode.USAGE_REPORT_CONFLICT, RejectionCode.USAGE_SIGNATURE_INVALID, RejectionCode.CHAIN_NOT_CONFIGURED})
    ResponseEntity<String> record(Caller caller, @PathVariable String leaseId,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                  @RequestBody(required = false) byte[] body) {
        caller.requireRole(MARKETPLACE);
        AtomicReference<UsageResultJson> result = new AtomicReference<>();
        ResponseEntity<String> response;
        try {
            DoneAhead<UsageReport> checked = DoneAhead.of(() -> signed.recover(caller.marketplaceId(), leaseId,
                    UsageRequests.report(bodies.parse(body)), ""));
            response = writes.execute(caller.idempotencyScope(), key, "POST /v1/leases/" + leaseId + "/usage", body, () -> {
                UsageReport report = checked.get();
                UsageOutcome outcome = commands.sendAndWait(new RecordUsageCommand(caller.marketplaceId(), leaseId, report));
                int status = outcome.status() == UsageOutcome.Status.ACCEPTED ? 201 : 200;
                result.set(UsageResultJson.of(leaseId, outcome));
                return ResponseEntity.status(status).body(result.get());
            });
        } catch (LedgerRejection e) {
            metrics.rejected(e.code().name());
            throw e;
        } catch (AggregateNotFoundException e) {
            metrics.rejected(RejectionCode.LEASE_NOT_FOUND.name());
            throw e;
        }
        // Set only when the write ran here: a replayed answer was counted when it was first given.
        if (result.get() != null) {
            metrics.counted(result.get());
        }
        return response;
    }

    @PostMapping(path = "/v1/usage:batch", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "recordUsageBatch", summary = "Records reports of several leases, each decided on its own")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(schema = @Schema(implementation = UsageBodies.Batch.class)))
    @ApiResponse(responseCode = "200", description = "One result per report, in order", content = @Content(schema = @Schema(implementation = UsageBodies.BatchResults.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.BATCH_TOO_LARGE})
    ResponseEntity<String> recordBatch(Caller caller,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                       @RequestBody(required = false) byte[] body) {
        caller.requireRole(MARKETPLACE);
        AtomicReference<List<UsageResultJson>> counted = new AtomicReference<>();
        DoneAhead<UsageBatches.Checked> checked = DoneAhead.of(() -> batches.check(caller.marketplaceId(),
                reportsOf(bodies.parse(body))));
        ResponseEntity<String> response = writes.execute(caller.idempotencyScope(), key, "POST /v1/usage:batch", body, () -> {
            List<UsageResultJson> results = batches.record(caller.marketplaceId(), checked.get());
            counted.set(results);
            return ResponseEntity.ok(Map.of("results", results));
        });
        if (counted.get() != null) {
            metrics.counted(counted.get());
        }
        return response;
    }

    private List<JsonNode> reportsOf(JsonNode body) {
        List<FieldProblem> problems = new java.util.ArrayList<>();
        JsonFields envelope = JsonFields.nested(body, "", Set.of("reports"), problems);
        JsonNode reports = body == null ? null : body.get("reports");
        if (reports == null || !reports.isArray()) {
            envelope.problem("reports", "must be an array of usage reports");
        } else if (reports.isEmpty()) {
            envelope.problem("reports", "must hold at least one report");
        } else if (reports.size() > maxBatchReports) {
            throw new LedgerRejection(RejectionCode.BATCH_TOO_LARGE, "reports",
                    "a batch holds at most " + maxBatchReports + " reports; this one holds " + reports.size());
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(RejectionCode.VALIDATION_FAILED, problems);
        }
        List<JsonNode> list = new java.util.ArrayList<>(reports.size());
        reports.forEach(list::add);
        return list;
    }
}
