package io.gpuledger.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.web3j.utils.Numeric;

/** A lease's events, oldest first, read straight from the event store with their canonical hashes. */
@Component
public class LeaseHistory {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public LeaseHistory(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
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
        return jdbc.query("""
                SELECT global_index, event_identifier, aggregate_identifier, sequence_number, payload_type, time_stamp,
                       payload
                FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number
                """, (rs, i) -> toHistory(new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getLong(4), rs.getString(5), rs.getString(6), rs.getBytes(7))), aggregateId);
    }

    private HistoryEvent toHistory(StoredEvent event) {
        JsonNode payload = read(event.payload());
        String type = event.payloadType().substring(event.payloadType().lastIndexOf('.') + 1);
        return new HistoryEvent(event.eventId(), event.globalIndex(), event.aggregateId(), event.sequenceNumber(),
                type, event.payloadType(), OccurredAt.of(type, payload, event.recordedAt()), event.recordedAt(),
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
