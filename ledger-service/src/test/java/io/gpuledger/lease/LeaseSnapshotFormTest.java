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
 * {@code stored-snapshots/Lease.json} under payload type io.gpuledger.lease.Lease and revision
 * {@link LeaseState#REVISION}, and the pinned form reads back as the same lease. A change to the form
 * is a new revision (snapshots of another revision are passed over, and the lease loads from events).
 */
class LeaseSnapshotFormTest {

    private static final Serializer SERIALIZER = StoredForms.eventSerializer();
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final BigInteger PRICE = BigInteger.valueOf(2_100_000);

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

    /**
     * A lease with more reports than it keeps, a gap, a void, a price change, an adjustment and a
     * close: every part of the state is in the form.
     */
    private static Lease sampleLease() {
        Lease lease = new Lease();
        lease.on(new LeaseOpenedEvent("mkt-eu", "lease-7", "prov-3", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "tenant-9", "H100-SXM-80GB", 8, PRICE, 500, T0, T0.plusSeconds(86_400), Billing.PREPAID));
        List<RecordedUsage> reports = new ArrayList<>();
        for (int i = 0; i < RecentReports.GENERATION + 2; i++) {
            int minute = i < 3 ? i : i + 1;
            reports.add(new RecordedUsage("r-" + i, minute(minute), minute(minute + 1), 480, PRICE,
                    BigInteger.valueOf(280_000), BigInteger.valueOf(14_000), BigInteger.valueOf(266_000)));
        }
        lease.on(new UsageRecordedEvent("mkt-eu", "lease-7", reports));
        lease.on(new UsageVoidedEvent("mkt-eu", "lease-7", "r-1", "metered twice", minute(1), minute(2), 480, PRICE,
                BigInteger.valueOf(-280_000), BigInteger.valueOf(-14_000), BigInteger.valueOf(-266_000)));
        lease.on(new LeasePriceChangedEvent("mkt-eu", "lease-7", BigInteger.valueOf(1_800_000), minute(60)));
        lease.on(new LeaseAdjustedEvent("mkt-eu", "lease-7", "credit-1", AdjustmentKind.CREDIT,
                BigInteger.valueOf(1_000), AdjustmentReason.GOODWILL, BigInteger.valueOf(-1_000),
                BigInteger.valueOf(-50), BigInteger.valueOf(-950)));
        lease.on(new LeaseClosedEvent("mkt-eu", "lease-7", CloseReason.EXPIRED, minute(120)));
        assertThat(lease.state().usage().voids()).containsEntry("r-1", new Charges(BigInteger.valueOf(-280_000),
                BigInteger.valueOf(-14_000), BigInteger.valueOf(-266_000)));
        return lease;
    }

    private static Instant minute(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    private static String pinned() throws IOException {
        try (InputStream in = LeaseSnapshotFormTest.class.getResourceAsStream("/stored-snapshots/Lease.json")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
