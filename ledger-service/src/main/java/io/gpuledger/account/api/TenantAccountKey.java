package io.gpuledger.account.api;

/**
 * A tenant account's aggregate identifier. Identifiers never hold a slash, so the two slashes keep it
 * apart from every lease's ({@code marketplace/lease}): the event store keys streams by identifier alone.
 */
public final class TenantAccountKey {

    private TenantAccountKey() {
    }

    public static String of(String marketplaceId, String tenantId) {
        return marketplaceId + "/tenant/" + tenantId;
    }
}
