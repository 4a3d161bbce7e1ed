package io.gpuledger.lease.api;

import java.math.BigInteger;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens a lease; {@code meterSigner}, {@code tenantSigner} and {@code disputeWindowSeconds} are null for a
 * lease without signers, {@code sla} for a lease without a service level. {@code pricing} null is GPU_HOUR
 * at {@code priceUnitsPerGpuHour}; a lease of another kind has a null {@code priceUnitsPerGpuHour}.
 */
public record OpenLeaseCommand(String marketplaceId, String leaseId, String providerId, String providerPayoutAddress,
                               String tenantId, String gpuModel, int gpuCount, BigInteger priceUnitsPerGpuHour,
                               int marketplaceFeeBps, Instant startsAt, Instant endsAt, Billing billing,
                               String meterSigner, String tenantSigner, Long disputeWindowSeconds,
                               LeasePricing pricing, Sla sla) {

    /** The dispute window of a lease with a meterSigner that names none: one day. */
    public static final long DEFAULT_DISPUTE_WINDOW_SECONDS = 86_400;

    public OpenLeaseCommand(String marketplaceId, String leaseId, String providerId, String providerPayoutAddress,
                            String tenantId, String gpuModel, int gpuCount, BigInteger priceUnitsPerGpuHour,
                            int marketplaceFeeBps, Instant startsAt, Instant endsAt, Billing billing) {
        this(marketplaceId, leaseId, providerId, providerPayoutAddress, tenantId, gpuModel, gpuCount,
                priceUnitsPerGpuHour, marketplaceFeeBps, startsAt, endsAt, billing, null, null, null);
    }

    public OpenLeaseCommand(String marketplaceId, String leaseId, String providerId, String providerPayoutAddress,
                            String tenantId, String gpuModel, int gpuCount, BigInteger priceUnitsPerGpuHour,
                            int marketplaceFeeBps, Instant startsAt, Instant endsAt, Billing billing,
                            String meterSigner, String tenantSigner, Long disputeWindowSeconds) {
        this(marketplaceId, leaseId, providerId, providerPayoutAddress, tenantId, gpuModel, gpuCount,
                priceUnitsPerGpuHour, marketplaceFeeBps, startsAt, endsAt, billing, meterSigner, tenantSigner,
                disputeWindowSeconds, null, null);
    }

    @TargetAggregateIdentifier
    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
