package io.gpuledger.lease.view;

import io.gpuledger.common.Charges;
import io.gpuledger.common.MoneyRule;
import java.math.BigInteger;
import java.time.Instant;

/**
 * A lease as the billing views know it, with totals derived from its cumulative usage value; the
 * signers and dispute window are null on a lease without signers.
 */
public record LeaseView(String marketplaceId, String leaseId, String providerId, String providerPayoutAddress,
                        String tenantId, String gpuModel, int gpuCount, BigInteger priceUnitsPerGpuHour,
                        int marketplaceFeeBps, Instant startsAt, Instant endsAt, String state, Instant closedAt,
                        String closeReason, long gpuSecondsRecorded, BigInteger usageValue, String billing,
                        BigInteger adjustmentUnits, String meterSigner, String tenantSigner,
                        Long disputeWindowSeconds) {

    /** The net totals: the unvoided usage's value plus 3600 times the debits less the credits, floored once. */
    public Charges totals() {
        return MoneyRule.charges(usageValue.add(adjustmentUnits.multiply(MoneyRule.SECONDS_PER_HOUR)),
                marketplaceFeeBps);
    }
}
