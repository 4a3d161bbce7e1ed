package io.gpuledger.account.api;

import java.util.List;

/**
 * Usage on the tenant's prepaid leases drew on its balance, lease by lease in the order the leases
 * decided it (one request's draws). The leases' own usage events carry the reports; this is the
 * balance's side of the same facts, recorded in the same transaction.
 */
public record TenantChargedEvent(String marketplaceId, String tenantId, List<LeaseCharge> charges) {
}
