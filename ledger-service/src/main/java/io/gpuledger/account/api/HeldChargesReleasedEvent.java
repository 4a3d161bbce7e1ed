package io.gpuledger.account.api;

import java.util.List;

/**
 * Funds paid in covered charges that were held while the tenant was overdrawn: they are released
 * whole, oldest first, and their fee and provider units are paid from here on.
 */
public record HeldChargesReleasedEvent(String marketplaceId, String tenantId, List<HeldCharge> released) {
}
