package io.gpuledger.lease.api;

import java.math.BigInteger;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes a lease's rates from {@code effectiveFrom} on: {@code priceUnitsPerGpuHour} on a GPU-hour
 * lease; {@code feeUnitsPerHour} and/or {@code energyUnitsPerKwh} on a capacity lease (null: unchanged).
 */
public record ChangeLeasePriceCommand(String marketplaceId, String leaseId, BigInteger priceUnitsPerGpuHour,
                                      Instant effectiveFrom, BigInteger feeUnitsPerHour,
                                      BigInteger energyUnitsPerKwh) implements LeaseCommand {

    public ChangeLeasePriceCommand(String marketplaceId, String leaseId, BigInteger priceUnitsPerGpuHour,
                                   Instant effectiveFrom) {
        this(marketplaceId, leaseId, priceUnitsPerGpuHour, effectiveFrom, null, null);
    }

    @Override
    @TargetAggregateIdentifier
    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
