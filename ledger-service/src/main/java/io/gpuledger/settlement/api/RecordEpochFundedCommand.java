package io.gpuledger.settlement.api;

import java.math.BigInteger;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The fund step's intent is confirmed on-chain: the distributor received {@code amountUnits}, after the
 * escrow released {@code escrowReleasedUnits} to the signer by {@code escrowTxHash} (0 and null when it
 * released nothing).
 */
public record RecordEpochFundedCommand(long epoch, String intentId, FundingMode mode, BigInteger amountUnits,
                                       String txHash, long blockNumber, BigInteger escrowReleasedUnits,
                                       String escrowTxHash) {

    @TargetAggregateIdentifier
    public String epochId() {
        return EpochId.of(epoch);
    }
}
