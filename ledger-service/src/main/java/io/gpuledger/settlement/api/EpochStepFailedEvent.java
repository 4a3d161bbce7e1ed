package io.gpuledger.settlement.api;

/**
 * A step's transaction ended without effect: {@code outcome} REVERTED (mined, reverted, with the
 * node's reason) or FAILED (no node would take it). The step waits for an operator to retry it.
 * {@code txHash} is the reverted transaction; null when none was mined (FAILED), and in events
 * recorded before it was added.
 */
public record EpochStepFailedEvent(long epoch, Step step, int attempt, String intentId, StepOutcome outcome,
                                   String reason, String txHash) {
}
