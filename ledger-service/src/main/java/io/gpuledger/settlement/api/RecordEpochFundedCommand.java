package io.gpuledger.settlement.api;

import java.math.BigInteger;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The fund step's intent is confirmed on-chain: the distributor received {@code amountUnits}. */
public record RecordEpochFundedCommand(long epoch, String intentId, FundingMode mode, BigInteger amountUnits,
                                       String txHash, long blockNumber) {

    @TargetAggregateIdentifier
    public String epochId() {
        return EpochId.of(epoch);
    }
}
