package io.gpuledger.settlement.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The anchor step's intent is confirmed on-chain. */
public record RecordEpochAnchoredCommand(long epoch, String intentId, String txHash, long blockNumber) {

    @TargetAggregateIdentifier
    public String epochId() {
        return EpochId.of(epoch);
    }
}
