package io.gpuledger.lease.api;

import java.math.BigInteger;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record OpenLeaseCommand(String marketplaceId, String leaseId, String providerId, String providerPayoutAddress,
                               String tenantId, String gpuModel, int gpuCount, BigInteger priceUnitsPerGpuHour,
                               int marketplaceFeeBps, Instant startsAt, Instant endsAt, Billing billing) {

    @TargetAggregateIdentifier
    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
