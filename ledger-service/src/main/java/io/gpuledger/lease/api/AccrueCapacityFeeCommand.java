package io.gpuledger.lease.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Accrues a capacity lease's fee up to {@code through} (never past its close or end); again, it accrues nothing. */
public record AccrueCapacityFeeCommand(String marketplaceId, String leaseId, Instant through) implements LeaseCommand {

    @Override
    @TargetAggregateIdentifier
    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
