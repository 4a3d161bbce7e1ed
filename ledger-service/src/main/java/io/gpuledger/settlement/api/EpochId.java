package io.gpuledger.settlement.api;

/** The identifier of an epoch's own aggregate, which records its process after the close: {@code epoch-7}. */
public final class EpochId {

    private EpochId() {
    }

    public static String of(long epoch) {
        return "epoch-" + epoch;
    }
}
