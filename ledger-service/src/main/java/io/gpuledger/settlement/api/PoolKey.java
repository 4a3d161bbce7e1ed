package io.gpuledger.settlement.api;

/**
 * A reward pool's aggregate identifier. It holds no slash, so it never shares a stream with a lease
 * ({@code marketplace/leaseId}) or a tenant account; its prefix keeps it apart from {@link SettlementId}.
 */
public final class PoolKey {

    private PoolKey() {
    }

    public static String of(String poolId) {
        return "pool:" + poolId;
    }
}
