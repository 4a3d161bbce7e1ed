package io.gpuledger.lease;

import io.gpuledger.lease.api.LeaseUsageOutcomes;
import io.gpuledger.lease.api.RecordUsageAcrossLeasesCommand;
import io.gpuledger.lease.api.RecordUsageBatchCommand;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Records a usage batch that spans many leases as one command: each lease is loaded from the
 * repository and decides its reports, all in the command's unit of work. Sent as a command per
 * lease, a batch of a thousand reports over 250 leases paid for 250 dispatches, nested units of
 * work and result messages, more than the leases spent deciding. Each lease stays locked until the
 * unit of work ends, so leases are taken in the order given, which callers keep sorted.
 */
@Component
class UsageAcrossLeases {

    private final Repository<Lease> leases;

    UsageAcrossLeases(Repository<Lease> leases) {
        this.leases = leases;
    }

    @CommandHandler
    public List<LeaseUsageOutcomes> handle(RecordUsageAcrossLeasesCommand command) {
        List<LeaseUsageOutcomes> results = new ArrayList<>(command.leases().size());
        for (RecordUsageBatchCommand reports : command.leases()) {
            if (!reports.marketplaceId().equals(command.marketplaceId())) {
                throw new IllegalArgumentException("a batch records the usage of one marketplace's leases");
            }
            results.add(record(reports));
        }
        return results;
    }

    private LeaseUsageOutcomes record(RecordUsageBatchCommand reports) {
        try {
            return LeaseUsageOutcomes.of(leases.load(reports.leaseKey()).invoke(lease -> lease.handle(reports)));
        } catch (AggregateNotFoundException e) {
            return LeaseUsageOutcomes.leaseNotFound();
        }
    }
}
