package io.gpuledger.reliability;

import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.platform.TrackingPositions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The leases that may have an SLA window due by a moment, for an epoch close to ask. The reliability
 * view lists those whose first open window ended by then; it trails the event store, so the leases
 * opened with an SLA, or closed, in the events it has not reached are added from the event store
 * itself (read from the view's position, taken before the view is read, to the head). Each lease
 * decides whether it has a window due: a lease asked for nothing closes nothing.
 */
@Component
public class DueSlaLeases {

    private static final List<Class<?>> LEASE_EDGES = List.of(LeaseOpenedEvent.class, LeaseClosedEvent.class);

    private final JdbcTemplate jdbc;
    private final EventStoreReader events;
    private final TokenStore tokens;

    DueSlaLeases(JdbcTemplate jdbc, EventStoreReader events, TokenStore tokens) {
        this.jdbc = jdbc;
        this.events = events;
        this.tokens = tokens;
    }

    public record DueLease(String marketplaceId, String leaseId) {
    }

    public List<DueLease> dueBy(Instant accrueThrough) {
        long viewed = viewPosition();
        Set<DueLease> due = new TreeSet<>(Comparator.comparing(DueLease::marketplaceId).thenComparing(DueLease::leaseId));
        due.addAll(jdbc.query("SELECT marketplace_id, lease_id FROM sla_lease WHERE next_window_end <= ?",
                (rs, i) -> new DueLease(rs.getString(1), rs.getString(2)), Timestamp.from(accrueThrough)));
        long head = events.highestIndex();
        if (viewed < head) {
            events.forEachInRange(LEASE_EDGES, viewed, head, event -> {
                if (event instanceof LeaseOpenedEvent opened && opened.sla() != null) {
                    due.add(new DueLease(opened.marketplaceId(), opened.leaseId()));
                } else if (event instanceof LeaseClosedEvent closed) {
                    due.add(new DueLease(closed.marketplaceId(), closed.leaseId()));
                }
            });
        }
        return List.copyOf(due);
    }

    /** The position of the billing processor's slowest segment, read from its tokens without claiming them. */
    private long viewPosition() {
        List<Long> positions = jdbc.query("SELECT token, token_type FROM token_entry WHERE processor_name = 'billing'",
                (rs, i) -> position(rs.getBytes(1), rs.getString(2)));
        return positions.stream().mapToLong(Long::longValue).min().orElse(0);
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
