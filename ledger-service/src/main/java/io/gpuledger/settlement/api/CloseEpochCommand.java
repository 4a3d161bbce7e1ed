package io.gpuledger.settlement.api;

import java.math.BigInteger;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a computed epoch: the events in (fromGlobalIndex, toGlobalIndex], what they pay and what the escrow funds. */
public record CloseEpochCommand(long epoch, long fromGlobalIndex, long toGlobalIndex, long eventCount,
                                List<Payout> payouts, BigInteger totalUnits, String payoutRoot,
                                String eventsRoot, List<Carried> carried, List<EscrowAccount> escrowAccounts,
                                BigInteger escrowFundedUnits, List<WithheldUsage> withheldUsage,
                                List<WithheldUsage> releasedUsage, CapacityCharges capacityCharges) {

    public CloseEpochCommand(long epoch, long fromGlobalIndex, long toGlobalIndex, long eventCount,
                             List<Payout> payouts, BigInteger totalUnits, String payoutRoot, String eventsRoot,
                             List<Carried> carried, List<EscrowAccount> escrowAccounts, BigInteger escrowFundedUnits,
                             List<WithheldUsage> withheldUsage, List<WithheldUsage> releasedUsage) {
        this(epoch, fromGlobalIndex, toGlobalIndex, eventCount, payouts, totalUnits, payoutRoot, eventsRoot, carried,
                escrowAccounts, escrowFundedUnits, withheldUsage, releasedUsage, null);
    }

    @TargetAggregateIdentifier
    public String settlementId() {
        return SettlementId.VALUE;
    }
}
