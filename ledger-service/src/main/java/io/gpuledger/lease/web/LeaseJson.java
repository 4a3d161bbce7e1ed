package io.gpuledger.lease.web;

import io.gpuledger.lease.view.LeaseView;
import io.gpuledger.common.Charges;
import java.math.BigInteger;
import java.time.Instant;

/** The lease as the API shows it; amounts are decimal strings of token units. */
record LeaseJson(String leaseId, String marketplaceId, String providerId, String providerPayoutAddress,
                 String tenantId, String gpuModel, int gpuCount, String priceUnitsPerGpuHour, int marketplaceFeeBps,
                 Instant startsAt, Instant endsAt, String state, Instant closedAt, String closeReason,
                 long gpuSecondsRecorded, String chargedUnits, String feeUnits, String providerUnits, String billing,
                 String heldUnits, String adjustmentsUnits, String meterSigner, String tenantSigner,
                 Long disputeWindowSeconds) {

    static LeaseJson of(LeaseView lease, BigInteger heldUnits) {
        Charges totals = lease.totals();
        return new LeaseJson(lease.leaseId(), lease.marketplaceId(), lease.providerId(),
                lease.providerPayoutAddress(), lease.tenantId(), lease.gpuModel(), lease.gpuCount(),
                lease.priceUnitsPerGpuHour().toString(), lease.marketplaceFeeBps(), lease.startsAt(),
                lease.endsAt(), lease.state(), lease.closedAt(), lease.closeReason(), lease.gpuSecondsRecorded(),
                totals.chargedUnits().toString(), totals.feeUnits().toString(), totals.providerUnits().toString(),
                lease.billing(), heldUnits.toString(), lease.adjustmentUnits().toString(), lease.meterSigner(),
                lease.tenantSigner(), lease.disputeWindowSeconds());
    }
}
