package io.gpuledger.lease;

import io.gpuledger.account.TenantAccount;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** The tenant accounts prepaid leases draw on: loaded (and so locked) for a unit of work, created empty on a first draw. */
@Component
class TenantAccounts {

    private final Repository<TenantAccount> accounts;

    TenantAccounts(Repository<TenantAccount> accounts) {
        this.accounts = accounts;
    }

    /** The account of a prepaid lease's tenant; null for a postpaid lease. */
    Aggregate<TenantAccount> of(Aggregate<Lease> lease) {
        String key = lease.invoke(Lease::prepaidAccountKey);
        if (key == null) {
            return null;
        }
        String marketplaceId = lease.invoke(Lease::marketplaceId);
        String tenantId = lease.invoke(Lease::tenantId);
        try {
            return accounts.loadOrCreate(key, () -> TenantAccount.empty(marketplaceId, tenantId));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the tenant account " + key + " could not be loaded", e);
        }
    }

    /**
     * The accounts the prepaid leases among {@code loaded} draw on, by key ({@code accountKeys}, null for
     * a postpaid or missing lease), loaded (and so locked) in key order: requests that lock leases in
     * key order and then accounts in key order never wait for each other in a circle.
     */
    Map<String, Aggregate<TenantAccount>> lockedInKeyOrder(List<Aggregate<Lease>> loaded, List<String> accountKeys) {
        Map<String, Aggregate<Lease>> prepaid = new TreeMap<>();
        for (int i = 0; i < loaded.size(); i++) {
            if (accountKeys.get(i) != null) {
                prepaid.putIfAbsent(accountKeys.get(i), loaded.get(i));
            }
        }
        Map<String, Aggregate<TenantAccount>> accountsByKey = new TreeMap<>();
        prepaid.forEach((key, lease) -> accountsByKey.put(key, of(lease)));
        return accountsByKey;
    }
}
