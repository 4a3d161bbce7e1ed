package io.gpuledger.settlement;

import io.gpuledger.account.api.HeldCharge;
import io.gpuledger.account.api.HeldChargesReleasedEvent;
import io.gpuledger.account.api.LeaseCharge;
import io.gpuledger.account.api.TenantChargedEvent;
import io.gpuledger.lease.api.CapacityFeeAccruedEvent;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageRecordedEvent;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider units each lease accrued over an epoch's events, summed from the events themselves
 * rather than a projection, so the epoch is computed from exactly what is in the event store: its
 * usage, its capacity fees and its corrections (voids and adjustments, whose slices may be negative), less what was held
 * back from overdrawn prepaid tenants, plus held units released.
 */
final class EpochAccrual {

    private final Map<String, BigInteger> providerUnitsByLease = new HashMap<>();

    static final List<Class<?>> EVENT_TYPES = List.of(UsageRecordedEvent.class, UsageVoidedEvent.class,
            LeaseAdjustedEvent.class, CapacityFeeAccruedEvent.class, TenantChargedEvent.class,
            HeldChargesReleasedEvent.class);

    void add(Object event) {
        if (event instanceof UsageRecordedEvent usage) {
            add(usage);
        } else if (event instanceof UsageVoidedEvent voided) {
            accrue(voided.marketplaceId(), voided.leaseId(), voided.providerUnits());
        } else if (event instanceof LeaseAdjustedEvent adjusted) {
            accrue(adjusted.marketplaceId(), adjusted.leaseId(), adjusted.providerUnits());
        } else if (event instanceof CapacityFeeAccruedEvent fee) {
            accrue(fee.marketplaceId(), fee.leaseId(), fee.providerUnits());
        } else if (event instanceof TenantChargedEvent charged) {
            hold(charged);
        } else if (event instanceof HeldChargesReleasedEvent released) {
            release(released);
        } else {
            throw new IllegalArgumentException("no accrual from " + event.getClass().getSimpleName());
        }
    }

    private void hold(TenantChargedEvent charged) {
        for (LeaseCharge charge : charged.charges()) {
            if (charge.held()) {
                accrue(charged.marketplaceId(), charge.leaseId(), charge.providerUnits().negate());
            }
        }
    }

    private void release(HeldChargesReleasedEvent released) {
        for (HeldCharge charge : released.released()) {
            accrue(released.marketplaceId(), charge.leaseId(), charge.providerUnits());
        }
    }

    /** Moves units into (or, negative, out of) the lease's accrual: what dispute windows withhold or release. */
    void adjust(String marketplaceId, String leaseId, BigInteger units) {
        accrue(marketplaceId, leaseId, units);
    }

    private void accrue(String marketplaceId, String leaseId, BigInteger units) {
        providerUnitsByLease.merge(LeaseKey.of(marketplaceId, leaseId), units, BigInteger::add);
    }

    private void add(UsageRecordedEvent usage) {
        BigInteger units = BigInteger.ZERO;
        for (RecordedUsage report : usage.reports()) {
            units = units.add(report.providerUnits());
        }
        accrue(usage.marketplaceId(), usage.leaseId(), units);
    }

    Map<String, BigInteger> providerUnitsByLease() {
        return providerUnitsByLease;
    }
}
