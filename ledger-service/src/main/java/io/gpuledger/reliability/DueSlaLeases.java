package io.gpuledger.reliability;

import io.gpuledger.eventstore.EventStoreReader;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The leases with an SLA window not closed yet that ended at or before a moment, from the
 * reliability view: an epoch close asks each of them to close its windows. The view trails the event
 * store, so the close first waits, up to {@link #CATCH_UP_LIMIT}, for the billing processor to reach
 * the store's head as it was when asked; a lease the view had not reached by then (opened or closed
 * in the last moments) is found by a later close.
 */
@Component
public class DueSlaLeases {

    static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(DueSlaLeases.class);

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
        awaitView(events.highestIndex());
        return jdbc.query("SELECT marketplace_id, lease_id FROM sla_lease WHERE next_window_end <= ? "
                        + "ORDER BY marketplace_id, lease_id",
                (rs, i) -> new DueLease(rs.getString(1), rs.getString(2)), Timestamp.from(accrueThrough));
    }

    private void awaitView(long head) {
        long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
        while (viewPosition() < head) {
            if (System.nanoTime() > deadline) {
                log.warn("the reliability view is behind the event store ({} < {}): SLA windows of leases it has not "
                        + "reached are closed by a later epoch", viewPosition(), head);
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
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
        return tracking == null ? 0 : tracking.position().orElse(0);
    }
}
