package io.gpuledger.lease.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A lease was let: the provider's GPUs to the tenant, at a price per GPU-hour, through the marketplace.
 * {@code billing} is null in events stored before leases could be prepaid: read it as POSTPAID
 * ({@link #billingOrDefault()}). {@code meterSigner} (and optionally {@code tenantSigner}) are the
 * addresses whose EIP-712 signatures the lease's usage must carry, with {@code disputeWindowSeconds};
 * all three are null, and not stored, on a lease without signers. {@code sla} is the lease's service
 * level (uptime target and credit tiers), null and not stored on a lease without one.
 *
 * {@code pricing} is null, and not stored, on a GPU-hour lease, priced by {@code priceUnitsPerGpuHour}
 * ({@link #pricingOrDefault()}); a lease of another kind stores its pricing and a null price per GPU-hour.
 *
 * <p>Revision 2 added the signers, revision 3 the SLA and the pricing; revisions 1 and 2 read as a
 * GPU-hour lease without them (LeaseOpenedUpcaster).
 */
@Revision(LeaseOpenedEvent.REVISION)
public record LeaseOpenedEvent(String marketplaceId, String leaseId, String providerId, String providerPayoutAddress,
                               String tenantId, String gpuModel, int gpuCount, BigInteger priceUnitsPerGpuHour,
                               int marketplaceFeeBps, Instant startsAt, Instant endsAt, Billing billing,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String meterSigner,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String tenantSigner,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Long disputeWindowSeconds,
                               @JsonInclude(JsonInclude.Include.NON_NULL) LeasePricing pricing,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Sla sla) {

    public static final String REVISION = "3";

    public LeaseOpenedEvent(String marketplaceId, String leaseId, String providerId, String providerPayoutAddress,
                            String tenantId, String gpuModel, int gpuCount, BigInteger priceUnitsPerGpuHour,
                            int marketplaceFeeBps, Instant startsAt, Instant endsAt, Billing billing) {
        this(marketplaceId, leaseId, providerId, providerPayoutAddress, tenantId, gpuModel, gpuCount,
                priceUnitsPerGpuHour, marketplaceFeeBps, startsAt, endsAt, billing, null, null, null);
    }

    public LeaseOpenedEvent(String marketplaceId, String leaseId, String providerId, String providerPayoutAddress,
                            String tenantId, String gpuModel, int gpuCount, BigInteger priceUnitsPerGpuHour,
                            int marketplaceFeeBps, Instant startsAt, Instant endsAt, Billing billing,
                            String meterSigner, String tenantSigner, Long disputeWindowSeconds) {
        this(marketplaceId, leaseId, providerId, providerPayoutAddress, tenantId, gpuModel, gpuCount,
                priceUnitsPerGpuHour, marketplaceFeeBps, startsAt, endsAt, billing, meterSigner, tenantSigner,
                disputeWindowSeconds, null, null);
    }

    public LeasePricing pricingOrDefault() {
        return pricing == null ? new GpuHourPricing(priceUnitsPerGpuHour) : pricing;
    }

    public Billing billingOrDefault() {
        return billing == null ? Billing.POSTPAID : billing;
    }
}
