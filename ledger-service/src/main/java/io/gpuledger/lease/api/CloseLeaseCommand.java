package io.gpuledger.lease.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CloseLeaseCommand(String marketplaceId, String leaseId, CloseReason reason, Instant closedAt) implements LeaseCommand {

    @Override
    @TargetAggregateIdentifier
    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
