package io.gpuledger.journal;

import io.gpuledger.account.api.DepositRecordedEvent;
import io.gpuledger.account.api.FundingKind;
import io.gpuledger.account.api.HeldCharge;
import io.gpuledger.account.api.HeldChargesReleasedEvent;
import io.gpuledger.account.api.LeaseCharge;
import io.gpuledger.account.api.TenantChargedEvent;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.CapacityFeeAccruedEvent;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.settlement.api.EpochFundedEvent;
import io.gpuledger.settlement.api.Payout;
import io.gpuledger.settlement.api.PayoutBatchConfirmedEvent;
import io.gpuledger.settlement.api.PayoutClaimedEvent;
import io.gpuledger.settlement.api.PoolShare;
import io.gpuledger.settlement.api.RewardPoolsSettledEvent;
import io.gpuledger.settlement.api.SettledPool;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each event posts to the journal (docs/MONEY.md, "The journal"): the one place the rules
 * live, applied alike by the projection and by verification. An event's entries on one account are
 * summed into one, in the order the accounts first appear; entries of zero are left out.
 */
public final class PostingRules {

    /** The events that post, and LeaseOpenedEvent, which names a lease's billing and payout address. */
    public static final List<Class<?>> EVENT_TYPES = List.of(LeaseOpenedEvent.class, DepositRecordedEvent.class,
            UsageRecordedEvent.class, UsageVoidedEvent.class, LeaseAdjustedEvent.class, CapacityFeeAccruedEvent.class,
            TenantChargedEvent.class,
            HeldChargesReleasedEvent.class, EpochFundedEvent.class, RewardPoolsSettledEvent.class,
            PayoutBatchConfirmedEvent.class, PayoutClaimedEvent.class);

    private static final String ON_CHAIN_DEPOSIT = "chain:";

    private PostingRules() {
    }

    public static List<Posting> postingsOf(Object event, JournalLease.Directory leases) {
        Entries entries = new Entries();
        if (event instanceof DepositRecordedEvent e) {
            deposit(e, entries);
        } else if (event instanceof UsageRecordedEvent e) {
            usage(e, leases.lease(e.marketplaceId(), e.leaseId()), entries);
        } else if (event instanceof UsageVoidedEvent e) {
            postpaid(leases.lease(e.marketplaceId(), e.leaseId()), e.marketplaceId(), e.chargedUnits(), e.feeUnits(),
                    e.providerUnits(), entries);
        } else if (event instanceof LeaseAdjustedEvent e) {
            postpaid(leases.lease(e.marketplaceId(), e.leaseId()), e.marketplaceId(), e.chargedUnits(), e.feeUnits(),
                    e.providerUnits(), entries);
        } else if (event instanceof CapacityFeeAccruedEvent e) {
            postpaid(leases.lease(e.marketplaceId(), e.leaseId()), e.marketplaceId(), e.chargedUnits(), e.feeUnits(),
                    e.providerUnits(), entries);
        } else if (event instanceof TenantChargedEvent e) {
            charged(e, leases, entries);
        } else if (event instanceof HeldChargesReleasedEvent e) {
            released(e, leases, entries);
        } else if (event instanceof EpochFundedEvent e) {
            escrowReleased(e.escrowReleasedUnitsOrZero(), entries);
        } else if (event instanceof RewardPoolsSettledEvent e) {
            e.pools().forEach(pool -> pooled(pool, entries));
        } else if (event instanceof PayoutBatchConfirmedEvent e) {
            e.paid().forEach(payout -> paid(payout, entries));
        } else if (event instanceof PayoutClaimedEvent e) {
            paid(new Payout(e.account(), e.amountUnits()), entries);
        }
        return entries.postings();
    }

    private static void deposit(DepositRecordedEvent e, Entries entries) {
        entries.add(JournalAccount.tenant(e.marketplaceId(), e.tenantId()), e.amountUnits());
        JournalAccount source;
        if (e.kind() == FundingKind.CREDIT) {
            source = JournalAccount.fees(e.marketplaceId());
        } else if (e.depositId().startsWith(ON_CHAIN_DEPOSIT)) {
            source = JournalAccount.ESCROW;
        } else {
            source = JournalAccount.deposits(e.marketplaceId());
        }
        entries.add(source, e.amountUnits().negate());
    }

    /** A prepaid lease's usage posts from its tenant's TenantChargedEvent, written with it. */
    private static void usage(UsageRecordedEvent e, JournalLease lease, Entries entries) {
        if (lease.billing() != Billing.POSTPAID) {
            return;
        }
        for (RecordedUsage report : e.reports()) {
            postpaid(lease, e.marketplaceId(), report.chargedUnits(), report.feeUnits(), report.providerUnits(), entries);
        }
    }

    /**
     * A postpaid slice: the treasury funds it, the fee and provider units are earned. A correction's
     * slice is negative and gives back. A prepaid lease's slices post from its tenant's draws.
     */
    private static void postpaid(JournalLease lease, String marketplaceId, BigInteger charged, BigInteger fee,
                                 BigInteger provider, Entries entries) {
        if (lease.billing() != Billing.POSTPAID) {
            return;
        }
        entries.add(JournalAccount.TREASURY, charged.negate());
        entries.add(JournalAccount.fees(marketplaceId), fee);
        entries.add(JournalAccount.payable(lease.payoutAddress()), provider);
    }

    private static void charged(TenantChargedEvent e, JournalLease.Directory leases, Entries entries) {
        JournalAccount tenant = JournalAccount.tenant(e.marketplaceId(), e.tenantId());
        for (LeaseCharge charge : e.charges()) {
            entries.add(tenant, charge.chargedUnits().negate());
            if (charge.held()) {
                entries.add(JournalAccount.held(e.marketplaceId(), e.tenantId()), charge.chargedUnits());
            } else {
                earned(e.marketplaceId(), leases.lease(e.marketplaceId(), charge.leaseId()), charge.feeUnits(),
                        charge.providerUnits(), entries);
            }
        }
    }

    private static void released(HeldChargesReleasedEvent e, JournalLease.Directory leases, Entries entries) {
        JournalAccount held = JournalAccount.held(e.marketplaceId(), e.tenantId());
        for (HeldCharge charge : e.released()) {
            entries.add(held, charge.chargedUnits().negate());
            earned(e.marketplaceId(), leases.lease(e.marketplaceId(), charge.leaseId()), charge.feeUnits(),
                    charge.providerUnits(), entries);
        }
    }

    private static void earned(String marketplaceId, JournalLease lease, BigInteger feeUnits, BigInteger providerUnits,
                               Entries entries) {
        entries.add(JournalAccount.fees(marketplaceId), feeUnits);
        entries.add(JournalAccount.payable(lease.payoutAddress()), providerUnits);
    }

    /**
     * The escrow released units of its deposits to the ledger's signer, the treasury, which funds the
     * epoch's payouts with them: the escrow's balance is then minus what it still holds of the deposits
     * credited, and the treasury's minus all it stands behind, postpaid charges and the releases.
     */
    private static void escrowReleased(BigInteger releasedUnits, Entries entries) {
        entries.add(JournalAccount.ESCROW, releasedUnits);
        entries.add(JournalAccount.TREASURY, releasedUnits.negate());
    }

    /** The treasury funds a reward pool: its shares become payable to their accounts, as provider units do. */
    private static void pooled(SettledPool pool, Entries entries) {
        entries.add(JournalAccount.TREASURY, pool.amountUnits().negate());
        for (PoolShare share : pool.shares()) {
            entries.add(JournalAccount.payable(share.account()), share.shareUnits());
        }
    }

    private static void paid(Payout payout, Entries entries) {
        entries.add(JournalAccount.payable(payout.account()), payout.amountUnits().negate());
        entries.add(JournalAccount.PAID, payout.amountUnits());
    }

    /** Sums an event's entries per account, keeping the order in which the accounts first appear. */
    private static final class Entries {

        private final Map<JournalAccount, BigInteger> byAccount = new LinkedHashMap<>();

        void add(JournalAccount account, BigInteger amountUnits) {
            byAccount.merge(account, amountUnits, BigInteger::add);
        }

        List<Posting> postings() {
            List<Posting> postings = new ArrayList<>(byAccount.size());
            byAccount.forEach((account, amount) -> {
                if (amount.signum() != 0) {
                    postings.add(new Posting(account, amount));
                }
            });
            return postings;
        }
    }
}
