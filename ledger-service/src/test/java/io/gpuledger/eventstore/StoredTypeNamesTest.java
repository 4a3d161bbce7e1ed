package io.gpuledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.config.JsonConfig;
import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.lease.api.CloseReason;
import io.gpuledger.lease.api.UsageRecordedEvent;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;

class StoredTypeNamesTest {

    private final Serializer serializer = JsonConfig.eventSerializerOf(new JsonConfig().defaultAxonObjectMapper());

    @Test
    void canStoreAMovedEventUnderTheNameItWasFirstStoredWith() {
        SerializedObject<byte[]> stored = serializer.serialize(
                new UsageRecordedEvent("mkt-a", "lease-1", List.of()), byte[].class);

        assertThat(stored.getType().getName()).isEqualTo("io.gpuledger.usage.api.UsageRecordedEvent");
        assertThat(stored.getType().getRevision()).isEqualTo(UsageRecordedEvent.REVISION);
        assertThat(serializer.typeForClass(UsageRecordedEvent.class))
                .isEqualTo(new SimpleSerializedType("io.gpuledger.usage.api.UsageRecordedEvent", UsageRecordedEvent.REVISION));
    }

    @Test
    void canReadAStoredNameBackAsTheClass() {
        UsageRecordedEvent event = new UsageRecordedEvent("mkt-a", "lease-1", List.of());
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);

        assertThat(serializer.classForType(stored.getType())).isEqualTo(UsageRecordedEvent.class);
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(event);
    }

    @Test
    void canLeaveAnEventThatNeverMovedUnderItsClassName() {
        LeaseClosedEvent event = new LeaseClosedEvent("mkt-a", "lease-1", CloseReason.EXPIRED,
                Instant.parse("2026-11-02T00:00:00Z"));
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);

        assertThat(stored.getType().getName()).isEqualTo(LeaseClosedEvent.class.getName());
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(event);
    }
}
