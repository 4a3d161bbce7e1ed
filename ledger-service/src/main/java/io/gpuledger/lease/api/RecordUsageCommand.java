package io.gpuledger.lease.api;

import io.gpuledger.lease.api.LeaseCommand;
import io.gpuledger.lease.api.LeaseKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records one report; a rule broken is thrown as a rejection. Answers a {@link UsageOutcome}. */
public record RecordUsageCommand(String marketplaceId, String leaseId, UsageReport report) implements LeaseCommand {

    @Override
    @TargetAggregateIdentifier
    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
