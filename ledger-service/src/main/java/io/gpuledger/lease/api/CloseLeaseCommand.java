package io.gpuledger.lease.api;

import java.time.Instant;

public record CloseLeaseCommand(String marketplaceId, String leaseId, CloseReason reason, Instant closedAt) implements LeaseCommand {

    @Override
    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
