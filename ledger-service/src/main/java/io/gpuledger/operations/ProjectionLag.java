package io.gpuledger.operations;

import io.gpuledger.eventstore.EventSealer;
import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.platform.TrackingPositions;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far each tracking processor and the sealer trail the head of the event store, in global index
 * positions (the head's index less the position reached; rolled-back appends leave gaps, so it is an
 * upper bound of the events still to handle). Read from the tokens in the database, so every instance
 * sees the whole cluster's progress, whichever instance holds a segment; a processor's position is
 * that of its slowest segment, and a segment without a token has handled nothing.
 */
@Component
public class ProjectionLag {

    private final JdbcTemplate jdbc;
    private final TokenStore tokens;
    private final EventStoreReader events;
    private final EventSealer sealer;

    ProjectionLag(JdbcTemplate jdbc, TokenStore tokens, EventStoreReader events, EventSealer sealer) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.events = events;
        this.sealer = sealer;
    }

    /** Each tracking processor's lag behind the head, by processor name. */
    public Map<String, Long> processors() {
        long head = events.highestIndex();
        Map<String, Long> lag = new TreeMap<>();
        positions().forEach((processor, position) -> lag.put(processor, Math.max(0, head - position)));
        return lag;
    }

    /** The position each tracking processor's slowest segment has committed, by processor name. */
    public Map<String, Long> positions() {
        Map<String, Long> positions = new TreeMap<>();
        jdbc.query("SELECT processor_name, token, token_type FROM token_entry", rs -> {
            positions.merge(rs.getString(1), position(rs.getBytes(2), rs.getString(3)), Math::min);
        });
        return positions;
    }

    /** The sealer's lag behind the head. */
    public long sealer() {
        return Math.max(0, events.highestIndex() - sealer.lastSeal().globalIndex());
    }

    private long position(byte[] token, String type) {
        if (token == null) {
            return 0;
        }
        TrackingToken tracking = ((JdbcTokenStore) tokens).serializer()
                .deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        return TrackingPositions.of(tracking);
    }
}
