package io.gpuledger.settlement.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A batch's push was handed to the chain gateway under {@code intentId}. */
public record RecordPayoutBatchSubmittedCommand(long epoch, int batch, String intentId) {

    @TargetAggregateIdentifier
    public String epochId() {
        return EpochId.of(epoch);
    }
}
