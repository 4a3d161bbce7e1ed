package io.gpuledger.lease.api;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A lease was let: the provider's GPUs to the tenant, at a price per GPU-hour, through the marketplace.
 * {@code billing} is null in events stored before leases could be prepaid: read it as POSTPAID
 * ({@link #billingOrDefault()}).
 */
public record LeaseOpenedEvent(String marketplaceId, String leaseId, String providerId, String providerPayoutAddress,
                               String tenantId, String gpuModel, int gpuCount, BigInteger priceUnitsPerGpuHour,
                               int marketplaceFeeBps, Instant startsAt, Instant endsAt, Billing billing) {

    public Billing billingOrDefault() {
        return billing == null ? Billing.POSTPAID : billing;
    }
}
