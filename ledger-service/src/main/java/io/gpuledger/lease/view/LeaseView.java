package io.gpuledger.lease.view;

import io.gpuledger.common.Charges;
import io.gpuledger.common.MoneyRule;
import io.gpuledger.lease.api.Sla;
import java.math.BigInteger;
import java.time.Instant;

/**
 * A lease as the billing views know it, with totals derived from its cumulative usage value; the
 * signers and dispute window are null on a lease without signers, {@code capacity} on a GPU-hour lease
 * (a capacity lease's usageValue is its energy's, over 3,600,000, and its price per GPU-hour null);
 * {@code sla} is the lease's SLA as opened, null without one.
 */
public record LeaseView(String marketplaceId, String leaseId, String providerId, String providerPayoutAddress,
                        String tenantId, String gpuModel, int gpuCount, BigInteger priceUnitsPerGpuHour,
                        int marketplaceFeeBps, Instant startsAt, Instant endsAt, String state, Instant closedAt,
                        String closeReason, long gpuSecondsRecorded, BigInteger usageValue, String billing,
                        BigInteger adjustmentUnits, String meterSigner, String tenantSigner,
                        Long disputeWindowSeconds, CapacityView capacity, Sla sla) {

    public LeaseView(String marketplaceId, String leaseId, String providerId, String providerPayoutAddress,
                     String tenantId, String gpuModel, int gpuCount, BigInteger priceUnitsPerGpuHour,
                     int marketplaceFeeBps, Instant startsAt, Instant endsAt, String state, Instant closedAt,
                     String closeReason, long gpuSecondsRecorded, BigInteger usageValue, String billing,
                     BigInteger adjustmentUnits, String meterSigner, String tenantSigner, Long disputeWindowSeconds) {
        this(marketplaceId, leaseId, providerId, providerPayoutAddress, tenantId, gpuModel, gpuCount,
                priceUnitsPerGpuHour, marketplaceFeeBps, startsAt, endsAt, state, closedAt, closeReason,
                gpuSecondsRecorded, usageValue, billing, adjustmentUnits, meterSigner, tenantSigner,
                disputeWindowSeconds, null, null);
    }

    /**
     * The net totals: the unvoided usage's value (and a capacity lease's fee accrued) plus the
     * denominator times the debits less the credits, floored once.
     */
    public Charges totals() {
        if (capacity == null) {
            return MoneyRule.charges(usageValue.add(adjustmentUnits.multiply(MoneyRule.SECONDS_PER_HOUR)),
                    marketplaceFeeBps);
        }
        BigInteger denominator = MoneyRule.CAPACITY_DENOMINATOR;
        return MoneyRule.charges(usageValue.add(capacity.feeValue()).add(adjustmentUnits.multiply(denominator)),
                denominator, marketplaceFeeBps);
    }

    /** A capacity lease's fee accrued so far, floored on its own (informative: charged floors the sum). */
    public BigInteger capacityFeeUnits() {
        return capacity == null ? null : capacity.feeValue().divide(MoneyRule.CAPACITY_DENOMINATOR);
    }

    /** A capacity lease's energy recorded, priced and floored on its own (informative, as the fee). */
    public BigInteger energyUnits() {
        return capacity == null ? null : usageValue.divide(MoneyRule.CAPACITY_DENOMINATOR);
    }
}
