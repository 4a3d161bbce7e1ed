package io.gpuledger.usage.api;

import io.gpuledger.lease.api.LeaseCommand;
import io.gpuledger.lease.api.LeaseKey;

/** Records one report; a rule broken is thrown as a rejection. Answers a {@link UsageOutcome}. */
public record RecordUsageCommand(String marketplaceId, String leaseId, UsageReport report) implements LeaseCommand {

    @Override
    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
