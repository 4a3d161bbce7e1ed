package io.gpuledger.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.usage.UsageRequests.BatchEntry;
import io.gpuledger.lease.api.LeaseUsageOutcomes;
import io.gpuledger.lease.api.RecordUsageAcrossLeasesCommand;
import io.gpuledger.lease.api.RecordUsageBatchCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Records a batch of reports across many leases: one command for the whole batch, in which each
 * lease decides its own reports, so the batch appends its events in one JDBC batch and commits
 * once. Leases are visited in sorted order so that concurrent batches lock them in the same order
 * and never deadlock.
 */
@Component
class UsageBatches {

    private final CommandGateway commands;
    private final SignedReports signed;

    UsageBatches(CommandGateway commands, SignedReports signed) {
        this.commands = commands;
        this.signed = signed;
    }

    /** The batch read and its signatures checked, before any transaction: what {@link #record} then writes. */
    record Checked(UsageResultJson[] refused, Map<String, List<BatchEntry>> byLease) {
    }

    Checked check(String marketplaceId, List<JsonNode> reports) {
        UsageResultJson[] results = new UsageResultJson[reports.size()];
        Map<String, List<BatchEntry>> byLease = new TreeMap<>();
        List<BatchEntry> valid = new ArrayList<>(reports.size());
        for (int i = 0; i < reports.size(); i++) {
            List<FieldProblem> problems = new ArrayList<>();
            BatchEntry entry = UsageRequests.batchEntry(reports.get(i), i, problems);
            if (problems.isEmpty()) {
                valid.add(entry);
            } else if (entry != null) {
                results[i] = UsageResultJson.rejected(entry.leaseId(), entry.report().reportId(),
                        RejectionCode.VALIDATION_FAILED.name(), problems.get(0).field() + " " + problems.get(0).message(),
                        problems);
            }
        }
        for (BatchEntry checked : valid) {
            BatchEntry entry = withSigners(marketplaceId, checked, results);
            if (entry != null) {
                byLease.computeIfAbsent(entry.leaseId(), k -> new ArrayList<>()).add(entry);
            }
        }
        return new Checked(results, byLease);
    }

    List<UsageResultJson> record(String marketplaceId, Checked batch) {
        UsageResultJson[] results = batch.refused().clone();
        if (!batch.byLease().isEmpty()) {
            recordLeases(marketplaceId, batch.byLease(), results);
        }
        return List.of(results);
    }

    /** The entry with its signers recovered, or null when a signature is refused (its result set in {@code results}). */
    private BatchEntry withSigners(String marketplaceId, BatchEntry entry, UsageResultJson[] results) {
        try {
            return new BatchEntry(entry.index(), entry.leaseId(), signed.recover(marketplaceId, entry.leaseId(),
                    entry.report(), "reports[" + entry.index() + "]."));
        } catch (LedgerRejection refused) {
            results[entry.index()] = UsageResultJson.rejected(entry.leaseId(), entry.report().reportId(),
                    refused.code().name(), refused.getMessage(), refused.field() == null ? null
                            : List.of(new FieldProblem(refused.field(), refused.getMessage())));
            return null;
        }
    }

    private void recordLeases(String marketplaceId, Map<String, List<BatchEntry>> byLease, UsageResultJson[] results) {
        List<RecordUsageBatchCommand> leases = new ArrayList<>(byLease.size());
        byLease.forEach((leaseId, entries) -> leases.add(new RecordUsageBatchCommand(marketplaceId, leaseId,
                entries.stream().map(BatchEntry::report).toList())));
        List<LeaseUsageOutcomes> outcomes = commands.sendAndWait(
                new RecordUsageAcrossLeasesCommand(marketplaceId, leases));
        int lease = 0;
        for (Map.Entry<String, List<BatchEntry>> entries : byLease.entrySet()) {
            String leaseId = entries.getKey();
            LeaseUsageOutcomes leaseOutcomes = outcomes.get(lease++);
            for (int i = 0; i < entries.getValue().size(); i++) {
                BatchEntry entry = entries.getValue().get(i);
                results[entry.index()] = leaseOutcomes.leaseFound()
                        ? UsageResultJson.of(leaseId, leaseOutcomes.outcomes().get(i))
                        : UsageResultJson.rejected(leaseId, entry.report().reportId(),
                                RejectionCode.LEASE_NOT_FOUND.name(), "no lease " + leaseId + " in this marketplace", null);
            }
        }
    }
}
