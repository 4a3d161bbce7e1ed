package io.gpuledger.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.common.Charges;
import io.gpuledger.lease.api.AdjustmentKind;
import io.gpuledger.lease.api.AdjustmentReason;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.lease.api.CloseReason;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.LeasePriceChangedEvent;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.lease.api.CapacityFeeAccruedEvent;
import io.gpuledger.lease.api.CapacityPricing;
import io.gpuledger.lease.api.DisputeOutcome;
import io.gpuledger.lease.api.DowntimeReportedEvent;
import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.lease.api.Sla;
import io.gpuledger.lease.api.SlaCreditTier;
import io.gpuledger.lease.api.SlaWindowClosedEvent;
import io.gpuledger.lease.api.UsageDisputeResolvedEvent;
import io.gpuledger.lease.api.UsageDisputedEvent;
import io.gpuledger.support.StoredForms;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;

/**
 * A lease's snapshot is a stored form like an event's: stored as pinned in
 * {@code stored-snapshots/Lease.json} (and Lease-capacity.json for a capacity lease's pricing) under payload type io.gpuledger.lease.Lease and revision
 * {@link LeaseState#REVISION}, and the pinned form reads back as the same lease. A change to the form
 * is a new revision (snapshots of another revision are passed over, and the lease loads from events).
 */
class LeaseSnapshotFormTest {

    private static final Serializer SERIALIZER = StoredForms.eventSerializer();
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final BigInteger PRICE = BigInteger.valueOf(2_100_000);
    private static final Instant RECORDED_AT = Instant.parse("2026-11-02T00:00:00Z");
    private static final String METER = "0x1111111111111111111111111111111111111111";
    private static final String TENANT = "0x2222222222222222222222222222222222222222";

    @Test
    void isStoredAsItsPinnedJsonUnderItsRevision() throws IOException {
        SerializedObject<byte[]> stored = SERIALIZER.serialize(sampleLease(), byte[].class);

        assertThat(stored.getType()).isEqualTo(new SimpleSerializedType("io.gpuledger.lease.Lease", LeaseState.REVISION));
        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).isEqualTo(pinned());
    }

    @Test
    void readsBackAsTheSameLease() throws IOException {
        Lease read = SERIALIZER.deserialize(new SimpleSerializedObject<>(pinned().getBytes(StandardCharsets.UTF_8),
                byte[].class, "io.gpuledger.lease.Lease", LeaseState.REVISION));

        assertThat(read.state()).isEqualTo(sampleLease().state());
    }

    @Test
    void aCapacityLeaseIsStoredAsItsPinnedJsonAndReadsBack() throws IOException {
        SerializedObject<byte[]> stored = SERIALIZER.serialize(sampleCapacityLease(), byte[].class);
        Lease read = SERIALIZER.deserialize(stored);

        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).isEqualTo(pinned("Lease-capacity.json"));
        assertThat(read.state()).isEqualTo(sampleCapacityLease().state());
    }

    /**
     * A lease with more reports than it keeps, a gap, a void, a price change, an adjustment, signers
     * with a countersigned report, a dispute and its resolution, an SLA with downtime and a closed
     * window, and a close: every part of the state is in the form.
     */
    private static Lease sampleLease() {
        List<Object> events = new ArrayList<>();
        events.add(new LeaseOpenedEvent("mkt-eu", "lease-7", "prov-3", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "tenant-9", "H100-SXM-80GB", 8, PRICE, 500, T0, T0.plusSeconds(86_400 * 60L), Billing.PREPAID,
                METER, TENANT, 3_600L, null, new Sla(9_900, List.of(new SlaCreditTier(9_900, 1_000)))));
        List<RecordedUsage> reports = new ArrayList<>();
        for (int i = 0; i < RecentReports.GENERATION + 2; i++) {
            int minute = i < 3 ? i : i + 1;
            reports.add(new RecordedUsage("r-" + i, minute(minute), minute(minute + 1), 480, PRICE,
                    BigInteger.valueOf(280_000), BigInteger.valueOf(14_000), BigInteger.valueOf(266_000), "0xs" + i,
                    i == 4 ? "0xt4" : null, null, null));
        }
        events.add(new UsageRecordedEvent("mkt-eu", "lease-7", reports));
        events.add(new UsageVoidedEvent("mkt-eu", "lease-7", "r-1", "metered twice", minute(1), minute(2), 480, PRICE,
                BigInteger.valueOf(-280_000), BigInteger.valueOf(-14_000), BigInteger.valueOf(-266_000)));
        events.add(new LeasePriceChangedEvent("mkt-eu", "lease-7", BigInteger.valueOf(1_800_000), minute(60)));
        events.add(new LeaseAdjustedEvent("mkt-eu", "lease-7", "credit-1", AdjustmentKind.CREDIT,
                BigInteger.valueOf(1_000), AdjustmentReason.GOODWILL, BigInteger.valueOf(-1_000),
                BigInteger.valueOf(-50), BigInteger.valueOf(-950)));
        events.add(new UsageDisputedEvent("mkt-eu", "lease-7", "r-5", "too high", RECORDED_AT.plusSeconds(60)));
        events.add(new UsageDisputeResolvedEvent("mkt-eu", "lease-7", "r-5", DisputeOutcome.ACCEPT,
                RECORDED_AT.plusSeconds(120)));
        events.add(new DowntimeReportedEvent("mkt-eu", "lease-7", "down-1", minute(40), minute(50)));
        events.add(new SlaWindowClosedEvent("mkt-eu", "lease-7", "2026-11", T0, T0.plusSeconds(86_400 * 30L),
                2_592_000, 600, 9_997, 0, BigInteger.valueOf(9_240_000), BigInteger.ZERO));
        events.add(new LeaseClosedEvent("mkt-eu", "lease-7", CloseReason.EXPIRED, minute(86_400)));
        Lease lease = LeaseFromEvents.load(LeaseKey.of("mkt-eu", "lease-7"), events, RECORDED_AT);
        assertThat(lease.state().usage().voids()).containsEntry("r-1", new Charges(BigInteger.valueOf(-280_000),
                BigInteger.valueOf(-14_000), BigInteger.valueOf(-266_000)));
        assertThat(lease.state().disputes().disputes()).hasSize(1);
        assertThat(lease.state().sla().downtime()).hasSize(1);
        return lease;
    }

    /** A capacity lease: its pricing, a rate change, energy reports and the fee accrued through an instant. */
    private static Lease sampleCapacityLease() {
        List<Object> events = new ArrayList<>();
        events.add(new LeaseOpenedEvent("mkt-eu", "site-2", "prov-3", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "tenant-9", "site", 1, null, 500, T0, null, Billing.POSTPAID, null, null, null,
                new CapacityPricing(100, BigInteger.valueOf(50_000), BigInteger.valueOf(3_000)), null));
        events.add(new UsageRecordedEvent("mkt-eu", "site-2", List.of(new RecordedUsage("e-0", T0, minute(1), 0, null,
                BigInteger.valueOf(9), BigInteger.ZERO, BigInteger.valueOf(9), null, null, 1_000L,
                BigInteger.valueOf(3_000)))));
        events.add(new CapacityFeeAccruedEvent("mkt-eu", "site-2", T0, minute(60), BigInteger.valueOf(180_000_000),
                BigInteger.valueOf(50_000), BigInteger.valueOf(2_500), BigInteger.valueOf(47_500)));
        events.add(new LeasePriceChangedEvent("mkt-eu", "site-2", null, minute(60), BigInteger.valueOf(60_000),
                BigInteger.valueOf(3_000)));
        return LeaseFromEvents.load(LeaseKey.of("mkt-eu", "site-2"), events, RECORDED_AT);
    }

    private static Instant minute(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    private static String pinned() throws IOException {
        return pinned("Lease.json");
    }

    private static String pinned(String file) throws IOException {
        try (InputStream in = LeaseSnapshotFormTest.class.getResourceAsStream("/stored-snapshots/" + file)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
