package io.gpuledger.lease;

import io.gpuledger.account.Funds;
import io.gpuledger.account.TenantAccount;
import io.gpuledger.account.TenantDraws;
import io.gpuledger.lease.api.AdjustLeaseCommand;
import io.gpuledger.lease.api.CorrectionResult;
import io.gpuledger.lease.api.VoidUsageCommand;
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

    LeaseCorrections(Repository<Lease> leases, TenantAccounts accounts) {
        this.leases = leases;
        this.accounts = accounts;
    }

    @CommandHandler
    public CorrectionResult handle(VoidUsageCommand command) {
        return correct(command.leaseKey(), (lease, funds) -> lease.voidUsage(command, funds));
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
