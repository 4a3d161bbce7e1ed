package io.gpuledger.settlement.api;

import java.math.BigInteger;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A provider claimed its payout on-chain (a confirmed PayoutPaid log with pushed = false). */
public record RecordPayoutClaimedCommand(long epoch, String account, BigInteger amountUnits, String txHash,
                                         long blockNumber) {

    @TargetAggregateIdentifier
    public String epochId() {
        return EpochId.of(epoch);
    }
}
