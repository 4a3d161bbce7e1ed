package io.gpuledger.lease.api;

import java.math.BigInteger;
import java.time.Instant;

public record ChangeLeasePriceCommand(String marketplaceId, String leaseId, BigInteger priceUnitsPerGpuHour,
                                      Instant effectiveFrom) implements LeaseCommand {

    @Override
    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
