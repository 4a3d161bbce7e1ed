package io.gpuledger.settlement.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import java.util.List;

/**
 * An epoch was closed. It settles every event with global index in (fromGlobalIndex,
 * toGlobalIndex]: each payout address receives the provider units its leases accrued there. The
 * roots commit to the payouts and to the hashes of those events (docs/AUDIT.md). {@code carried}
 * are the negative amounts payout addresses carry into the next epoch (docs/MONEY.md, "Corrections
 * after payout"); null in epochs closed before corrections existed, read as none.
 * {@code escrowFundedUnits} is what the prepaid escrow releases to fund the epoch and
 * {@code escrowAccounts} each tenant's standing with the escrow afterwards (docs/MONEY.md, "Prepaid
 * payouts from the escrow"); both null in epochs closed before the escrow funded payouts, read as 0
 * and none. {@code withheldUsage} are the signed reports left out, in their dispute window or
 * disputed, and {@code releasedUsage} those of earlier epochs this one pays (UsageWindows); both null
 * in epochs closed before usage was signed, read as none. {@code capacityCharges} are the capacity
 * leases' fee and energy among the epoch's events, for its own lines; null, and not stored, in an epoch
 * without them.
 */
public record EpochClosedEvent(long epoch, long fromGlobalIndex, long toGlobalIndex, long eventCount,
                               List<Payout> payouts, BigInteger totalUnits, String payoutRoot,
                               String eventsRoot, List<Carried> carried, List<EscrowAccount> escrowAccounts,
                               BigInteger escrowFundedUnits, List<WithheldUsage> withheldUsage,
                               List<WithheldUsage> releasedUsage,
                               @JsonInclude(JsonInclude.Include.NON_NULL) CapacityCharges capacityCharges) {

    public EpochClosedEvent(long epoch, long fromGlobalIndex, long toGlobalIndex, long eventCount,
                            List<Payout> payouts, BigInteger totalUnits, String payoutRoot, String eventsRoot,
                            List<Carried> carried, List<EscrowAccount> escrowAccounts, BigInteger escrowFundedUnits,
                            List<WithheldUsage> withheldUsage, List<WithheldUsage> releasedUsage) {
        this(epoch, fromGlobalIndex, toGlobalIndex, eventCount, payouts, totalUnits, payoutRoot, eventsRoot, carried,
                escrowAccounts, escrowFundedUnits, withheldUsage, releasedUsage, null);
    }

    public List<Carried> carriedOrNone() {
        return carried == null ? List.of() : carried;
    }

    public List<EscrowAccount> escrowAccountsOrNone() {
        return escrowAccounts == null ? List.of() : escrowAccounts;
    }

    public List<WithheldUsage> withheldUsageOrNone() {
        return withheldUsage == null ? List.of() : withheldUsage;
    }

    public List<WithheldUsage> releasedUsageOrNone() {
        return releasedUsage == null ? List.of() : releasedUsage;
    }

    public BigInteger escrowFundedUnitsOrZero() {
        return escrowFundedUnits == null ? BigInteger.ZERO : escrowFundedUnits;
    }
}
