package io.gpuledger.settlement.api;

/** Settlement is one aggregate: epochs are a single sequence, each starting where the last ended. */
public final class SettlementId {

    public static final String VALUE = "settlement";

    private SettlementId() {
    }
}
