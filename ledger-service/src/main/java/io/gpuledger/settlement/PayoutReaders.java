package io.gpuledger.settlement;

import io.gpuledger.auth.Caller;
import io.gpuledger.auth.Role;
import io.gpuledger.lease.view.LeaseViews;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Whose payouts a caller may read: operators and auditors every address's; a provider its own
 * address's; a marketplace those of the payout addresses of its own leases. Nothing else reaches the
 * caller: an epoch's payouts list only those lines, and a proof of another address is not found.
 */
@Component
class PayoutReaders {

    private final LeaseViews leases;

    PayoutReaders(LeaseViews leases) {
        this.leases = leases;
    }

    /** Tells of each payout account (any case) whether the caller may read it. */
    Predicate<String> visibleTo(Caller caller) {
        if (caller.readsEveryPayout()) {
            return account -> true;
        }
        if (caller.role() == Role.PROVIDER) {
            String own = caller.marketplaceId().toLowerCase();
            return account -> account.toLowerCase().equals(own);
        }
        Set<String> own = leases.payoutAddresses(caller.marketplaceId());
        return account -> own.contains(account.toLowerCase());
    }
}
