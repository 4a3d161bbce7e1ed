package io.gpuledger.lease;

import io.gpuledger.account.Funds;
import io.gpuledger.account.TenantAccount;
import io.gpuledger.account.TenantDraws;
import io.gpuledger.common.Charges;
import io.gpuledger.lease.api.AccrueCapacityFeeCommand;
import io.gpuledger.lease.api.AdjustLeaseCommand;
import io.gpuledger.lease.api.CloseSlaWindowsCommand;
import io.gpuledger.lease.api.CorrectionResult;
import io.gpuledger.lease.api.DisputeResult;
import io.gpuledger.lease.api.DisputeUsageCommand;
import io.gpuledger.lease.api.ResolveDisputeCommand;
import io.gpuledger.lease.api.VoidUsageCommand;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Voids, adjustments (SLA credits among them), capacity fee accruals and disputes (whose VOID outcome voids): the lease decides them, and a prepaid lease's tenant account records what
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

    /** A capacity lease's fee accrual: the slice accrued, or null when nothing was. */
    @CommandHandler
    public Charges handle(AccrueCapacityFeeCommand command) {
        return correct(command.leaseKey(), (lease, funds) -> lease.accrueFee(command, funds));
    }

    /** SLA credits are adjustments: a prepaid lease's tenant gets them back as any credit. Answers the windows closed. */
    @CommandHandler
    public Integer handle(CloseSlaWindowsCommand command) {
        if (!leases.load(command.leaseKey()).invoke(Lease::hasSla)) {
            return 0;
        }
        return correct(command.leaseKey(), (lease, funds) -> lease.closeSlaWindows(command, funds));
    }

    @CommandHandler
    public DisputeResult handle(DisputeUsageCommand command) {
        return leases.load(command.leaseKey()).invoke(lease -> lease.dispute(command));
    }

    @CommandHandler
    public DisputeResult handle(ResolveDisputeCommand command) {
        return correct(command.leaseKey(), (lease, funds) -> lease.resolve(command, funds));
    }

    private <R> R correct(String leaseKey, BiFunction<Lease, Funds, R> correction) {
        Aggregate<Lease> lease = leases.load(leaseKey);
        Aggregate<TenantAccount> account = accounts.of(lease);
        if (account == null) {
            return lease.invoke(l -> correction.apply(l, Funds.POSTPAID));
        }
        TenantDraws draws = account.invoke(TenantAccount::draws);
        R result = lease.invoke(l -> correction.apply(l, draws));
        account.execute(a -> a.record(draws));
        return result;
    }
}
