package io.gpuledger.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.eventstore.EventHashes;
import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.eventstore.StoredEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Component;
import org.web3j.utils.Numeric;

/** A lease's events, oldest first, read straight from the event store with their canonical hashes. */
@Component
public class LeaseHistory {

    private final EventStoreReader events;
    private final ObjectMapper json;

    public LeaseHistory(EventStoreReader events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    /**
     * One event. {@code payload} is the stored JSON parsed; {@code payloadText} the stored bytes as
     * they are, which with the identity fields is everything its {@code hash} covers (docs/AUDIT.md).
     */
    public record HistoryEvent(String eventId, long globalIndex, String aggregateId, long sequenceNumber, String type,
                               String payloadType, String occurredAt, String recordedAt, JsonNode payload,
                               String payloadText, String hash) {
    }

    public List<HistoryEvent> of(String aggregateId) {
        return events.ofAggregate(aggregateId).stream().map(this::toHistory).toList();
    }

    /** Up to {@code limit} of the aggregate's events after {@code afterSequence}, oldest first. */
    public List<HistoryEvent> of(String aggregateId, long afterSequence, int limit) {
        return events.ofAggregate(aggregateId, afterSequence, limit).stream().map(this::toHistory).toList();
    }

    private HistoryEvent toHistory(StoredEvent event) {
        JsonNode payload = read(event.payload());
        String type = event.payloadType().substring(event.payloadType().lastIndexOf('.') + 1);
        return new HistoryEvent(event.eventId(), event.globalIndex(), event.aggregateId(), event.sequenceNumber(),
                type, event.payloadType(), OccurredAt.of(events.payload(event), event.recordedAt()), event.recordedAt(),
                payload, new String(event.payload(), StandardCharsets.UTF_8),
                Numeric.toHexString(EventHashes.hash(event)));
    }

    private JsonNode read(byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored payload is not JSON", e);
        }
    }
}
