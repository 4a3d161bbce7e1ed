package io.gpuledger.journal;

import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.LeaseOpenedEvent;

/** What the journal needs of a lease: how it is billed and where its provider is paid. */
public record JournalLease(Billing billing, String payoutAddress) {

    public static JournalLease of(LeaseOpenedEvent opened) {
        return new JournalLease(opened.billingOrDefault(), opened.providerPayoutAddress());
    }

    /** The leases opened so far, by marketplace and lease id. */
    public interface Directory {

        JournalLease lease(String marketplaceId, String leaseId);
    }
}
