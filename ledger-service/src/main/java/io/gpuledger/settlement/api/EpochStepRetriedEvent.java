package io.gpuledger.settlement.api;

/** An operator retried a failed step: its next attempt goes out under {@code intentId}. */
public record EpochStepRetriedEvent(long epoch, Step step, int attempt, String intentId) {
}
