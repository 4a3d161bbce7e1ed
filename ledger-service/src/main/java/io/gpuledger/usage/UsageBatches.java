package io.gpuledger.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.usage.UsageRequests.BatchEntry;
import io.gpuledger.usage.api.RecordUsageBatchCommand;
import io.gpuledger.usage.api.UsageOutcome;
import io.gpuledger.usage.api.UsageReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Records a batch of reports across many leases: one command per lease, all in the caller's unit
 * of work, so the whole batch appends its events in one JDBC batch and commits once. Leases are
 * visited in sorted order so that concurrent batches lock them in the same order and never deadlock.
 */
@Component
class UsageBatches {

    private final CommandGateway commands;

    UsageBatches(CommandGateway commands) {
        this.commands = commands;
    }

    List<UsageResultJson> record(String marketplaceId, List<JsonNode> reports) {
        UsageResultJson[] results = new UsageResultJson[reports.size()];
        Map<String, List<BatchEntry>> byLease = new TreeMap<>();
        for (int i = 0; i < reports.size(); i++) {
            List<FieldProblem> problems = new ArrayList<>();
            BatchEntry entry = UsageRequests.batchEntry(reports.get(i), i, problems);
            if (problems.isEmpty()) {
                byLease.computeIfAbsent(entry.leaseId(), k -> new ArrayList<>()).add(entry);
            } else {
                results[i] = UsageResultJson.rejected(entry.leaseId(), entry.report().reportId(),
                        RejectionCode.VALIDATION_FAILED.name(), problems.get(0).field() + " " + problems.get(0).message(),
                        problems);
            }
        }
        byLease.forEach((leaseId, entries) -> recordLease(marketplaceId, leaseId, entries, results));
        return List.of(results);
    }

    private void recordLease(String marketplaceId, String leaseId, List<BatchEntry> entries,
                             UsageResultJson[] results) {
        List<UsageReport> reports = entries.stream().map(BatchEntry::report).toList();
        try {
            List<UsageOutcome> outcomes = commands.sendAndWait(
                    new RecordUsageBatchCommand(marketplaceId, leaseId, reports));
            for (int i = 0; i < entries.size(); i++) {
                results[entries.get(i).index()] = UsageResultJson.of(leaseId, outcomes.get(i));
            }
        } catch (AggregateNotFoundException e) {
            for (BatchEntry entry : entries) {
                results[entry.index()] = UsageResultJson.rejected(leaseId, entry.report().reportId(),
                        RejectionCode.LEASE_NOT_FOUND.name(), "no lease " + leaseId + " in this marketplace", null);
            }
        }
    }
}
