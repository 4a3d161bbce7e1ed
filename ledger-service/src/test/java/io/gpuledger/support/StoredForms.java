package io.gpuledger.support;

import io.gpuledger.config.JsonConfig;
import io.gpuledger.usage.UsageRecordedUpcaster;
import java.util.List;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.util.ClassUtils;

/**
 * What the ledger writes events with and reads them through, for tests that pin the stored form of
 * events without starting the application.
 *
 * <p>These must be built exactly as the application builds them, or the pins prove nothing. Today
 * Axon's Spring Boot autoconfiguration (axon 4.13, {@code AxonAutoConfiguration}) builds the
 * serializer: application.yml sets {@code axon.serializer.general}, {@code events} and
 * {@code messages} to {@code jackson}, so the event serializer is the general one, a
 * {@link JacksonSerializer} with an {@link AnnotationRevisionResolver} (payload_revision from
 * {@code @Revision}, else null), a {@link ChainingConverter} on the bean class loader, and the
 * {@code defaultAxonObjectMapper} bean of {@link JsonConfig}. The upcasters are the application's
 * {@link EventUpcaster} beans. When the application builds either in a method of its own, call that
 * method here instead.
 */
public final class StoredForms {

    private StoredForms() {
    }

    /** The serializer that writes domain_event_entry's payload_type, payload_revision and payload. */
    public static Serializer eventSerializer() {
        return JacksonSerializer.builder()
                .revisionResolver(new AnnotationRevisionResolver())
                .converter(new ChainingConverter(ClassUtils.getDefaultClassLoader()))
                .objectMapper(new JsonConfig().defaultAxonObjectMapper())
                .build();
    }

    /** The upcasters every stored event is read through, in the application's order. */
    public static List<EventUpcaster> eventUpcasters() {
        return List.of(new UsageRecordedUpcaster());
    }

    /** {@link #eventUpcasters()} chained, as the event store applies them. */
    public static EventUpcaster eventUpcasterChain() {
        return new EventUpcasterChain(eventUpcasters());
    }
}
