package io.gpuledger.lease;

import static io.gpuledger.common.RejectionCode.LEASE_NOT_FOUND;

import io.gpuledger.account.Funds;
import io.gpuledger.account.TenantAccount;
import io.gpuledger.account.TenantDraws;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.lease.api.LeaseUsageOutcomes;
import io.gpuledger.lease.api.RecordUsageAcrossLeasesCommand;
import io.gpuledger.lease.api.RecordUsageBatchCommand;
import io.gpuledger.lease.api.RecordUsageCommand;
import io.gpuledger.lease.api.UsageOutcome;
import io.gpuledger.lease.api.UsageReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Records usage, a single report or a batch across many leases, as one command: each lease is loaded
 * from the repository and decides its reports, all in the command's unit of work. A prepaid lease
 * draws on its tenant's account, loaded here too, so the draws of every lease of one tenant are
 * decided under the account's lock, one after another.
 *
 * <p>Everything stays locked until the unit of work ends, so locks are taken in one order: the
 * leases in the order given (callers keep it sorted), then the tenant accounts in key order. Two
 * requests can then wait for each other but never in a circle. A batch sent as a command per lease
 * paid for a dispatch, a nested unit of work and a result message per lease, more than the leases
 * spent deciding.
 */
@Component
class UsageAcrossLeases {

    private final Repository<Lease> leases;
    private final TenantAccounts accounts;

    UsageAcrossLeases(Repository<Lease> leases, TenantAccounts accounts) {
        this.leases = leases;
        this.accounts = accounts;
    }

    @CommandHandler
    public UsageOutcome handle(RecordUsageCommand command) {
        LeaseUsageOutcomes results = handle(new RecordUsageAcrossLeasesCommand(command.marketplaceId(), List.of(
                new RecordUsageBatchCommand(command.marketplaceId(), command.leaseId(), List.of(command.report())))))
                .get(0);
        if (!results.leaseFound()) {
            throw new LedgerRejection(LEASE_NOT_FOUND, "no such lease in the caller's marketplace");
        }
        UsageOutcome outcome = results.outcomes().get(0);
        if (outcome.status() == UsageOutcome.Status.REJECTED) {
            throw outcome.rejection();
        }
        return outcome;
    }

    @CommandHandler
    public List<LeaseUsageOutcomes> handle(RecordUsageAcrossLeasesCommand command) {
        List<Aggregate<Lease>> loaded = new ArrayList<>(command.leases().size());
        for (RecordUsageBatchCommand reports : command.leases()) {
            if (!reports.marketplaceId().equals(command.marketplaceId())) {
                throw new IllegalArgumentException("a batch records the usage of one marketplace's leases");
            }
            loaded.add(load(reports.leaseKey()));
        }
        List<String> accountKeys = loaded.stream()
                .map(lease -> lease == null ? null : lease.invoke(Lease::prepaidAccountKey)).toList();
        Map<String, Aggregate<TenantAccount>> tenants = accounts.lockedInKeyOrder(loaded, accountKeys);
        Map<String, TenantDraws> draws = new TreeMap<>();
        tenants.forEach((key, account) -> draws.put(key, account.invoke(TenantAccount::draws)));

        List<LeaseUsageOutcomes> results = new ArrayList<>(loaded.size());
        for (int i = 0; i < loaded.size(); i++) {
            Aggregate<Lease> lease = loaded.get(i);
            if (lease == null) {
                results.add(LeaseUsageOutcomes.leaseNotFound());
                continue;
            }
            String accountKey = accountKeys.get(i);
            Funds funds = accountKey == null ? Funds.POSTPAID : draws.get(accountKey);
            List<UsageReport> reports = command.leases().get(i).reports();
            results.add(LeaseUsageOutcomes.of(lease.invoke(l -> l.record(reports, funds))));
        }
        tenants.forEach((key, account) -> account.execute(a -> a.record(draws.get(key))));
        return results;
    }

    private Aggregate<Lease> load(String leaseKey) {
        try {
            return leases.load(leaseKey);
        } catch (AggregateNotFoundException e) {
            return null;
        }
    }
}
