package io.gpuledger.lease;

import io.gpuledger.account.Funds;
import io.gpuledger.account.TenantAccount;
import io.gpuledger.account.TenantDraws;
import io.gpuledger.lease.api.AccrueCapacityFeeCommand;
import io.gpuledger.lease.api.AccrueCapacityFeesCommand;
import io.gpuledger.lease.api.CloseSlaWindowsAcrossLeasesCommand;
import io.gpuledger.lease.api.CloseSlaWindowsCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * An epoch close's corrections across many leases, each decided by its lease as the single command
 * would be ({@link LeaseCorrections}), all in the command's unit of work: one dispatch and one
 * append for a batch instead of one per lease. Locks are taken as {@link UsageAcrossLeases} takes
 * them: the leases in the order given (sorted by the caller), then the tenant accounts in key order,
 * so the draws of one tenant's prepaid leases are decided one after another on one account.
 */
@Component
class CorrectionsAcrossLeases {

    private final Repository<Lease> leases;
    private final TenantAccounts accounts;
    private final LeasePrefetch prefetch;

    CorrectionsAcrossLeases(Repository<Lease> leases, TenantAccounts accounts, LeasePrefetch prefetch) {
        this.leases = leases;
        this.accounts = accounts;
        this.prefetch = prefetch;
    }

    /** Answers how many leases accrued a slice. */
    @CommandHandler
    public Integer handle(AccrueCapacityFeesCommand command) {
        List<AccrueCapacityFeeCommand> each = command.leases();
        return decide(each, AccrueCapacityFeeCommand::leaseKey, lease -> true,
                (lease, i, funds) -> lease.accrueFee(each.get(i), funds) != null ? 1 : 0);
    }

    /** Answers how many windows were closed; a lease without an SLA is not asked (nor its account locked). */
    @CommandHandler
    public Integer handle(CloseSlaWindowsAcrossLeasesCommand command) {
        List<CloseSlaWindowsCommand> each = command.leases();
        return decide(each, CloseSlaWindowsCommand::leaseKey, Lease::hasSla,
                (lease, i, funds) -> lease.closeSlaWindows(each.get(i), funds));
    }

    private interface Decision {
        int apply(Lease lease, int index, Funds funds);
    }

    private <C> int decide(List<C> commands, Function<C, String> leaseKey, Predicate<Lease> concerned,
                           Decision decision) {
        List<Aggregate<Lease>> loaded = new ArrayList<>(commands.size());
        List<String> accountKeys = new ArrayList<>(commands.size());
        prefetch.prefetch(commands.stream().map(leaseKey).toList());
        for (C command : commands) {
            Aggregate<Lease> lease = leases.load(leaseKey.apply(command));
            boolean asked = lease.invoke(concerned::test);
            loaded.add(asked ? lease : null);
            accountKeys.add(asked ? lease.invoke(Lease::prepaidAccountKey) : null);
        }
        Map<String, Aggregate<TenantAccount>> accountsByKey = accounts.lockedInKeyOrder(loaded, accountKeys);
        Map<String, TenantDraws> draws = new TreeMap<>();
        accountsByKey.forEach((key, account) -> draws.put(key, account.invoke(TenantAccount::draws)));
        int decided = 0;
        for (int i = 0; i < loaded.size(); i++) {
            Aggregate<Lease> lease = loaded.get(i);
            if (lease != null) {
                int index = i;
                Funds funds = accountKeys.get(i) == null ? Funds.POSTPAID : draws.get(accountKeys.get(i));
                decided += lease.invoke(l -> decision.apply(l, index, funds));
            }
        }
        accountsByKey.forEach((key, account) -> account.execute(a -> a.record(draws.get(key))));
        return decided;
    }
}
