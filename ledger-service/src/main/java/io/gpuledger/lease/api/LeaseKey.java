package io.gpuledger.lease.api;

/** A lease's aggregate identifier: lease ids are unique only within their marketplace. */
public final class LeaseKey {

    private LeaseKey() {
    }

    public static String of(String marketplaceId, String leaseId) {
        return marketplaceId + "/" + leaseId;
    }
}
