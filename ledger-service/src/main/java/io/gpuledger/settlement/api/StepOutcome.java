package io.gpuledger.settlement.api;

/** How a step's transaction ended without effect; events hold it by its name. */
public enum StepOutcome {
    /** Mined and reverted, with the node's reason. */
    REVERTED,
    /** No node would take it. */
    FAILED
}
