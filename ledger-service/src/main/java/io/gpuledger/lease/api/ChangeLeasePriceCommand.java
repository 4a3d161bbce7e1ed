package io.gpuledger.lease.api;

import java.math.BigInteger;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeLeasePriceCommand(String marketplaceId, String leaseId, BigInteger priceUnitsPerGpuHour,
                                      Instant effectiveFrom) {

    @TargetAggregateIdentifier
    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
