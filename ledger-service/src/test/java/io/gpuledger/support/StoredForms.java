package io.gpuledger.support;

import io.gpuledger.config.JsonConfig;
import io.gpuledger.lease.storage.LeaseOpenedUpcaster;
import io.gpuledger.lease.storage.UsageRecordedUpcaster;
import java.util.List;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * What the ledger writes events with and reads them through, for tests that pin the stored form of
 * events without starting the application.
 *
 * <p>These must be built exactly as the application builds them, or the pins prove nothing: the
 * serializer comes from the factory behind the application's {@code eventSerializer} bean
 * ({@link JsonConfig#eventSerializerOf}), and the upcasters are the application's
 * {@link EventUpcaster} beans (the completeness test holds both).
 */
public final class StoredForms {

    private StoredForms() {
    }

    /** The serializer that writes domain_event_entry's payload_type, payload_revision and payload. */
    public static Serializer eventSerializer() {
        return JsonConfig.eventSerializerOf(new JsonConfig().defaultAxonObjectMapper());
    }

    /** The upcasters every stored event is read through, in the application's order. */
    public static List<EventUpcaster> eventUpcasters() {
        return List.of(new LeaseOpenedUpcaster(), new UsageRecordedUpcaster());
    }

    /** {@link #eventUpcasters()} chained, as the event store applies them. */
    public static EventUpcaster eventUpcasterChain() {
        return new EventUpcasterChain(eventUpcasters());
    }
}
