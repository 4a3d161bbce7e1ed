package io.gpuledger.lease.api;

import java.math.BigInteger;
import java.time.Instant;

/** Usage starting at or after {@code effectiveFrom} is priced at the new price. */
public record LeasePriceChangedEvent(String marketplaceId, String leaseId, BigInteger priceUnitsPerGpuHour,
                                     Instant effectiveFrom) {
}
