package io.gpuledger.settlement.api;

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
 * and none.
 */
public record EpochClosedEvent(long epoch, long fromGlobalIndex, long toGlobalIndex, long eventCount,
                               List<Payout> payouts, BigInteger totalUnits, String payoutRoot,
                               String eventsRoot, List<Carried> carried, List<EscrowAccount> escrowAccounts,
                               BigInteger escrowFundedUnits) {

    public List<Carried> carriedOrNone() {
        return carried == null ? List.of() : carried;
    }

    public List<EscrowAccount> escrowAccountsOrNone() {
        return escrowAccounts == null ? List.of() : escrowAccounts;
    }

    public BigInteger escrowFundedUnitsOrZero() {
        return escrowFundedUnits == null ? BigInteger.ZERO : escrowFundedUnits;
    }
}
