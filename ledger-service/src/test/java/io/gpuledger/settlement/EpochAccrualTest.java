package io.gpuledger.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.account.api.HeldCharge;
import io.gpuledger.account.api.HeldChargesReleasedEvent;
import io.gpuledger.account.api.LeaseCharge;
import io.gpuledger.account.api.TenantChargedEvent;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageRecordedEvent;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An epoch accrues each lease's provider units: its usage, less what is held, plus what is released. */
class EpochAccrualTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void accruesTheProviderUnitsOfALeasesUsage() {
        EpochAccrual accrual = new EpochAccrual();

        accrual.add(usage("lease-1", 15_960_000));
        accrual.add(usage("lease-1", 554));

        assertThat(accrual.providerUnitsByLease()).isEqualTo(Map.of("mkt-a/lease-1", BigInteger.valueOf(15_960_554)));
    }

    @Test
    void accruesNothingOfUsageHeldFromAnOverdrawnTenant() {
        EpochAccrual accrual = new EpochAccrual();

        accrual.add(usage("lease-1", 15_960_000));
        accrual.add(new TenantChargedEvent("mkt-a", "tenant-42", List.of(charge("lease-1", 15_960_000, true))));

        assertThat(accrual.providerUnitsByLease()).isEqualTo(Map.of("mkt-a/lease-1", BigInteger.ZERO));
    }

    @Test
    void accruesUsageDrawnWithoutOverdrawingInFull() {
        EpochAccrual accrual = new EpochAccrual();

        accrual.add(usage("lease-1", 15_960_000));
        accrual.add(new TenantChargedEvent("mkt-a", "tenant-42", List.of(charge("lease-1", 15_960_000, false))));

        assertThat(accrual.providerUnitsByLease()).isEqualTo(Map.of("mkt-a/lease-1", BigInteger.valueOf(15_960_000)));
    }

    @Test
    void accruesHeldUnitsWhenTheyAreReleased() {
        EpochAccrual accrual = new EpochAccrual();

        accrual.add(new HeldChargesReleasedEvent("mkt-a", "tenant-42", List.of(new HeldCharge("lease-1",
                BigInteger.valueOf(16_800_000), BigInteger.valueOf(840_000), BigInteger.valueOf(15_960_000)))));

        assertThat(accrual.providerUnitsByLease()).isEqualTo(Map.of("mkt-a/lease-1", BigInteger.valueOf(15_960_000)));
    }

    private static UsageRecordedEvent usage(String leaseId, long providerUnits) {
        return new UsageRecordedEvent("mkt-a", leaseId, List.of(new RecordedUsage("r-" + providerUnits, START,
                START.plusSeconds(3600), 28_800, BigInteger.valueOf(2_100_000), BigInteger.valueOf(providerUnits),
                BigInteger.ZERO, BigInteger.valueOf(providerUnits))));
    }

    private static LeaseCharge charge(String leaseId, long providerUnits, boolean held) {
        return new LeaseCharge(leaseId, BigInteger.valueOf(providerUnits), BigInteger.ZERO,
                BigInteger.valueOf(providerUnits), held);
    }
}
