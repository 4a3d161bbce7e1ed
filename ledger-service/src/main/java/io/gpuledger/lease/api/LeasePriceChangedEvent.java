package io.gpuledger.lease.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import java.time.Instant;

/**
 * Usage starting at or after {@code effectiveFrom} is priced at the new price. A GPU-hour lease's
 * change names {@code priceUnitsPerGpuHour}; a capacity lease's names the {@code feeUnitsPerHour} and
 * {@code energyUnitsPerKwh} in force from then on (both, the unchanged one repeated) and a null price
 * per GPU-hour. The capacity rates are null, and not stored, on a GPU-hour lease's change.
 */
public record LeasePriceChangedEvent(String marketplaceId, String leaseId, BigInteger priceUnitsPerGpuHour,
                                     Instant effectiveFrom,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) BigInteger feeUnitsPerHour,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) BigInteger energyUnitsPerKwh) {

    public LeasePriceChangedEvent(String marketplaceId, String leaseId, BigInteger priceUnitsPerGpuHour,
                                  Instant effectiveFrom) {
        this(marketplaceId, leaseId, priceUnitsPerGpuHour, effectiveFrom, null, null);
    }
}
