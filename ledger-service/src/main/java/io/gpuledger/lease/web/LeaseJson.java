package io.gpuledger.lease.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gpuledger.lease.api.Sla;
import io.gpuledger.lease.view.CapacityView;
import io.gpuledger.lease.view.LeaseView;
import io.gpuledger.common.Charges;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * The lease as the API shows it; amounts are decimal strings of token units. {@code pricing} names the
 * kind; a capacity lease shows its rates there, a null priceUnitsPerGpuHour, and its energy recorded,
 * fee and energy amounts and how far its fee has accrued (each left out on a GPU-hour lease).
 * {@code sla} is the SLA as opened, in the open body's fields (null without one).
 */
record LeaseJson(String leaseId, String marketplaceId, String providerId, String providerPayoutAddress,
                 String tenantId, String gpuModel, int gpuCount, String priceUnitsPerGpuHour, int marketplaceFeeBps,
                 Instant startsAt, Instant endsAt, String state, Instant closedAt, String closeReason,
                 long gpuSecondsRecorded, String chargedUnits, String feeUnits, String providerUnits, String billing,
                 String heldUnits, String adjustmentsUnits, String meterSigner, String tenantSigner,
                 Long disputeWindowSeconds, PricingJson pricing, SlaJson sla,
                 @JsonInclude(JsonInclude.Include.NON_NULL) Long energyWhRecorded,
                 @JsonInclude(JsonInclude.Include.NON_NULL) String capacityFeeUnits,
                 @JsonInclude(JsonInclude.Include.NON_NULL) String energyUnits,
                 @JsonInclude(JsonInclude.Include.NON_NULL) Instant feeAccruedThrough) {

    /** The lease's pricing: GPU_HOUR alone, or CAPACITY with its capacity and rates in force. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PricingJson(String kind, Long capacityKw, String feeUnitsPerHour, String energyUnitsPerKwh) {

        static PricingJson of(CapacityView capacity) {
            return capacity == null ? new PricingJson("GPU_HOUR", null, null, null)
                    : new PricingJson("CAPACITY", capacity.capacityKw(), capacity.feeUnitsPerHour().toString(),
                            capacity.energyUnitsPerKwh().toString());
        }
    }

    /** The lease's SLA as opened: its target and credit tiers, in basis points. */
    record SlaJson(int uptimeTargetBps, List<Tier> credits) {

        record Tier(int belowBps, int creditBps) {
        }

        static SlaJson of(Sla sla) {
            return sla == null ? null : new SlaJson(sla.uptimeTargetBps(),
                    sla.credits().stream().map(t -> new Tier(t.belowBps(), t.creditBps())).toList());
        }
    }

    static LeaseJson of(LeaseView lease, BigInteger heldUnits) {
        Charges totals = lease.totals();
        CapacityView capacity = lease.capacity();
        return new LeaseJson(lease.leaseId(), lease.marketplaceId(), lease.providerId(),
                lease.providerPayoutAddress(), lease.tenantId(), lease.gpuModel(), lease.gpuCount(),
                text(lease.priceUnitsPerGpuHour()), lease.marketplaceFeeBps(), lease.startsAt(),
                lease.endsAt(), lease.state(), lease.closedAt(), lease.closeReason(), lease.gpuSecondsRecorded(),
                totals.chargedUnits().toString(), totals.feeUnits().toString(), totals.providerUnits().toString(),
                lease.billing(), heldUnits.toString(), lease.adjustmentUnits().toString(), lease.meterSigner(),
                lease.tenantSigner(), lease.disputeWindowSeconds(), PricingJson.of(capacity),
                SlaJson.of(lease.sla()),
                capacity == null ? null : capacity.energyWhRecorded(), text(lease.capacityFeeUnits()),
                text(lease.energyUnits()), capacity == null ? null : capacity.feeAccruedThrough());
    }

    private static String text(BigInteger units) {
        return units == null ? null : units.toString();
    }
}
