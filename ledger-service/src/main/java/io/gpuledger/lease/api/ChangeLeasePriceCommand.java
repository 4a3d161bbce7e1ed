package io.gpuledger.lease.api;

import java.math.BigInteger;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeLeasePriceCommand(String marketplaceId, String leaseId, BigInteger priceUnitsPerGpuHour,
                                      Instant effectiveFrom) implements LeaseCommand {

    @Override
    @TargetAggregateIdentifier
    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
