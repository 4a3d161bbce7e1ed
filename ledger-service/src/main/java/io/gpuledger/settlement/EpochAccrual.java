package io.gpuledger.settlement;

import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageRecordedEvent;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * The provider units each lease accrued over an epoch's usage events, summed from the events
 * themselves rather than a projection, so the epoch is computed from exactly what is in the event store.
 */
final class EpochAccrual {

    private final Map<String, BigInteger> providerUnitsByLease = new HashMap<>();

    void add(UsageRecordedEvent usage) {
        BigInteger units = BigInteger.ZERO;
        for (RecordedUsage report : usage.reports()) {
            units = units.add(report.providerUnits());
        }
        providerUnitsByLease.merge(LeaseKey.of(usage.marketplaceId(), usage.leaseId()), units, BigInteger::add);
    }

    Map<String, BigInteger> providerUnitsByLease() {
        return providerUnitsByLease;
    }
}
