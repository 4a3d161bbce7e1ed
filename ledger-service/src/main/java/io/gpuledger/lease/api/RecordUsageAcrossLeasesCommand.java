package io.gpuledger.lease.api;

import java.util.List;

/**
 * Records the reports of many leases of one marketplace, lease after lease in the given order, in
 * one unit of work. Answers a {@link LeaseUsageOutcomes} per lease, in the same order.
 */
public record RecordUsageAcrossLeasesCommand(String marketplaceId, List<RecordUsageBatchCommand> leases) {
}
