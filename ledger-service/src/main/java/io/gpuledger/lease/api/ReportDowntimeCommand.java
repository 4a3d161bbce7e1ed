package io.gpuledger.lease.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reports a lease's downtime; the same {@code reportId} with the same period again changes nothing. */
public record ReportDowntimeCommand(String marketplaceId, String leaseId, String reportId, Instant from, Instant to)
        implements LeaseCommand {

    @Override
    @TargetAggregateIdentifier
    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
