package io.gpuledger.lease;

import io.gpuledger.account.TenantAccount;
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
}
