package io.gpuledger.settlement.api;

/**
 * A step's transaction ended without effect: {@code outcome} REVERTED (mined, reverted, with the
 * node's reason) or FAILED (no node would take it). The step waits for an operator to retry it.
 */
public record EpochStepFailedEvent(long epoch, Step step, int attempt, String intentId, StepOutcome outcome,
                                   String reason) {
}
