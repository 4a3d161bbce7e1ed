package io.gpuledger.lease.api;

import io.gpuledger.lease.api.LeaseCommand;
import io.gpuledger.lease.api.LeaseKey;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records many reports of one lease; each is decided alone. Answers one {@link UsageOutcome} per report, in order. */
public record RecordUsageBatchCommand(String marketplaceId, String leaseId, List<UsageReport> reports)
        implements LeaseCommand {

    @Override
    @TargetAggregateIdentifier
    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
