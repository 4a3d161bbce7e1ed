package io.gpuledger.lease.api;

import java.util.List;

/**
 * Many reports of one lease, one lease's part of a {@link RecordUsageAcrossLeasesCommand}; each is
 * decided alone, answered by one {@link UsageOutcome} per report, in order.
 */
public record RecordUsageBatchCommand(String marketplaceId, String leaseId, List<UsageReport> reports) {

    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
