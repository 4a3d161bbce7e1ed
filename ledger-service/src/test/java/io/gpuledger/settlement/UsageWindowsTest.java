package io.gpuledger.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.eventstore.StoredEvent;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.DisputeOutcome;
import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageDisputeResolvedEvent;
import io.gpuledger.lease.api.UsageDisputedEvent;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.settlement.api.WithheldUsage;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which signed usage each close leaves out and pays, over closes that hand their withheld usage on.
 * The lease's window is an hour; its reports were recorded at {@link #RECORDED}. Slices are odd
 * amounts, as the cumulative rule makes them, to show each is paid whole and exactly once.
 */
class UsageWindowsTest {

    private static final String MKT = "mkt-a";
    private static final String LEASE = "lease-1";
    private static final String KEY = LeaseKey.of(MKT, LEASE);
    private static final Instant RECORDED = Instant.parse("2026-11-01T02:00:00Z");
    private static final LeaseOpenedEvent OPENED = new LeaseOpenedEvent(MKT, LEASE, "prov-7",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "tenant-42", "H100", 8, BigInteger.valueOf(2_100_001), 333,
            Instant.parse("2026-11-01T00:00:00Z"), null, Billing.POSTPAID, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
            null, 3600L);

    @Test
    void leavesOutUsageInItsWindowAndPaysItOnceInTheFirstCloseAfter() {
        UsageWindows first = new UsageWindows(List.of());
        first.add(stored(), usage(report("signed", 7_777, "0xsig", null), report("countersigned", 5_555, "0xsig", "0xt"),
                report("unsigned", 3_333, null, null)));
        EpochAccrual firstAccrual = accrualOf(7_777 + 5_555 + 3_333);
        first.decide(RECORDED.plusSeconds(3599), lease(), firstAccrual);

        UsageWindows second = new UsageWindows(first.withheld());
        EpochAccrual secondAccrual = accrualOf(0);
        second.decide(RECORDED.plusSeconds(3600), lease(), secondAccrual);

        UsageWindows third = new UsageWindows(second.withheld());
        EpochAccrual thirdAccrual = accrualOf(0);
        third.decide(RECORDED.plusSeconds(7200), lease(), thirdAccrual);

        assertThat(firstAccrual.providerUnitsByLease()).containsEntry(KEY, BigInteger.valueOf(5_555 + 3_333));
        assertThat(first.withheld()).extracting(WithheldUsage::reportId, WithheldUsage::reason, WithheldUsage::windowEndsAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("signed", WithheldUsage.WithholdReason.IN_DISPUTE_WINDOW,
                        RECORDED.plusSeconds(3600)));
        assertThat(secondAccrual.providerUnitsByLease()).containsEntry(KEY, BigInteger.valueOf(7_777));
        assertThat(second.released()).extracting(WithheldUsage::reportId).containsExactly("signed");
        assertThat(second.withheld()).isEmpty();
        assertThat(thirdAccrual.providerUnitsByLease()).isEmpty();
    }

    @Test
    void keepsDisputedUsageOutPastItsWindowUntilTheDisputeIsResolved() {
        UsageWindows first = new UsageWindows(List.of());
        first.add(stored(), usage(report("r-1", 7_777, "0xsig", null)));
        first.add(stored(), new UsageDisputedEvent(MKT, LEASE, "r-1", "idle", RECORDED.plusSeconds(60)));
        first.decide(RECORDED.plusSeconds(60), lease(), accrualOf(7_777));

        UsageWindows second = new UsageWindows(first.withheld());
        EpochAccrual secondAccrual = accrualOf(0);
        second.decide(RECORDED.plusSeconds(7200), lease(), secondAccrual);

        UsageWindows third = new UsageWindows(second.withheld());
        third.add(stored(), new UsageDisputeResolvedEvent(MKT, LEASE, "r-1", DisputeOutcome.ACCEPT,
                RECORDED.plusSeconds(8000)));
        EpochAccrual thirdAccrual = accrualOf(0);
        third.decide(RECORDED.plusSeconds(9000), lease(), thirdAccrual);

        assertThat(second.withheld()).extracting(WithheldUsage::reason)
                .containsExactly(WithheldUsage.WithholdReason.DISPUTED);
        assertThat(secondAccrual.providerUnitsByLease()).isEmpty();
        assertThat(thirdAccrual.providerUnitsByLease()).containsEntry(KEY, BigInteger.valueOf(7_777));
        assertThat(third.withheld()).isEmpty();
    }

    @Test
    void paysAVoidedReportInTheEpochOfItsVoidBesideTheVoidsCompensatingSlice() {
        UsageWindows first = new UsageWindows(List.of());
        first.add(stored(), usage(report("r-1", 7_777, "0xsig", null)));
        first.decide(RECORDED, lease(), accrualOf(7_777));

        UsageWindows second = new UsageWindows(first.withheld());
        UsageVoidedEvent voided = new UsageVoidedEvent(MKT, LEASE, "r-1", "dispute: idle", RECORDED, RECORDED, 1,
                BigInteger.ONE, BigInteger.valueOf(-8_001), BigInteger.valueOf(-223), BigInteger.valueOf(-7_778));
        second.add(stored(), voided);
        EpochAccrual secondAccrual = new EpochAccrual();
        secondAccrual.add(voided);
        second.decide(RECORDED.plusSeconds(60), lease(), secondAccrual);

        assertThat(secondAccrual.providerUnitsByLease()).as("the slice paid late and the void's, which the rule made a unit larger")
                .containsEntry(KEY, BigInteger.valueOf(7_777 - 7_778));
        assertThat(second.released()).extracting(WithheldUsage::reportId).containsExactly("r-1");
    }

    private static java.util.function.Function<String, LeaseOpenedEvent> lease() {
        return Map.of(KEY, OPENED)::get;
    }

    private static EpochAccrual accrualOf(long providerUnits) {
        EpochAccrual accrual = new EpochAccrual();
        if (providerUnits != 0) {
            accrual.adjust(MKT, LEASE, BigInteger.valueOf(providerUnits));
        }
        return accrual;
    }

    private static StoredEvent stored() {
        return new StoredEvent(1, "event-1", KEY, 1, "type", null, RECORDED.toString(), new byte[0]);
    }

    private static UsageRecordedEvent usage(RecordedUsage... reports) {
        return new UsageRecordedEvent(MKT, LEASE, List.of(reports));
    }

    private static RecordedUsage report(String reportId, long providerUnits, String signature, String tenantSignature) {
        return new RecordedUsage(reportId, RECORDED, RECORDED.plusSeconds(1), 1, BigInteger.ONE, BigInteger.ONE,
                BigInteger.ZERO, BigInteger.valueOf(providerUnits), signature, tenantSignature);
    }
}
