package io.gpuledger.settlement.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A step's intent ended REVERTED or FAILED: nothing it asked for happened on-chain. */
public record RecordEpochStepFailedCommand(long epoch, Step step, String intentId, StepOutcome outcome,
                                           String reason) {

    @TargetAggregateIdentifier
    public String epochId() {
        return EpochId.of(epoch);
    }
}
