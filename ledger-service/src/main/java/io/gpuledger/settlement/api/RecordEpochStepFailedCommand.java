package io.gpuledger.settlement.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A step's intent ended REVERTED or FAILED: nothing it asked for happened on-chain. {@code txHash}
 * names the reverted transaction, null when none was mined.
 */
public record RecordEpochStepFailedCommand(long epoch, Step step, String intentId, StepOutcome outcome,
                                           String reason, String txHash) {

    public RecordEpochStepFailedCommand(long epoch, Step step, String intentId, StepOutcome outcome, String reason) {
        this(epoch, step, intentId, outcome, reason, null);
    }

    @TargetAggregateIdentifier
    public String epochId() {
        return EpochId.of(epoch);
    }
}
