package io.gpuledger.lease;

import io.gpuledger.account.Funds;
import io.gpuledger.account.TenantAccount;
import io.gpuledger.account.TenantDraws;
import io.gpuledger.lease.api.AdjustLeaseCommand;
import io.gpuledger.lease.api.CorrectionResult;
import io.gpuledger.lease.api.VoidUsageCommand;
import io.gpuledger.lease.UsageBook.RecordedReport;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Voids and adjustments: the lease decides them, and a prepaid lease's tenant account records what
 * they moved in the same unit of work (the lease locked first, then the account, as for usage).
 */
@Component
class LeaseCorrections {

    private final Repository<Lease> leases;
    private final TenantAccounts accounts;
    private final ReportHistory history;

    LeaseCorrections(Repository<Lease> leases, TenantAccounts accounts, ReportHistory history) {
        this.leases = leases;
        this.accounts = accounts;
        this.history = history;
    }

    @CommandHandler
    public CorrectionResult handle(VoidUsageCommand command) {
        return correct(command.leaseKey(), (lease, funds) -> lease.voidUsage(command, funds, recalled(lease, command)));
    }

    /** The voided report from the store when the lease no longer holds it in memory, or null. */
    private RecordedReport recalled(Lease lease, VoidUsageCommand command) {
        List<String> ids = lease.forgettable(List.of(command.reportId()));
        if (ids.isEmpty()) {
            return null;
        }
        return history.find(Map.of(command.leaseKey(), ids)).getOrDefault(command.leaseKey(), Map.of())
                .get(command.reportId());
    }

    @CommandHandler
    public CorrectionResult handle(AdjustLeaseCommand command) {
        return correct(command.leaseKey(), (lease, funds) -> lease.adjust(command, funds));
    }

    private CorrectionResult correct(String leaseKey, BiFunction<Lease, Funds, CorrectionResult> correction) {
        Aggregate<Lease> lease = leases.load(leaseKey);
        Aggregate<TenantAccount> account = accounts.of(lease);
        if (account == null) {
            return lease.invoke(l -> correction.apply(l, Funds.POSTPAID));
        }
        TenantDraws draws = account.invoke(TenantAccount::draws);
        CorrectionResult result = lease.invoke(l -> correction.apply(l, draws));
        account.execute(a -> a.record(draws));
        return result;
    }
}
