package io.gpuledger.platform;

import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes an additive projection apply each event once. A processor that lost its claim mid-batch can
 * still commit that batch after another processor applied it (Axon's token store saves the token of a
 * claim that was released meanwhile), so a projection that adds amounts records each event's identifier
 * first: the second application of an event fails its batch on the primary key and rolls back.
 */
@Component
public class AppliedEvents {

    private final JdbcTemplate jdbc;

    public AppliedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that {@code projection} applies the event, or fails if it did before. Events are named by
     * their identifier: a handler's tracking token holds the highest index its processor has read, which
     * for an event committed after a later one is the later one's.
     */
    public void claim(String projection, EventMessage<?> event) {
        jdbc.update("INSERT INTO applied_event (projection, event_id) VALUES (?, ?)", projection, event.getIdentifier());
    }

    /** Forgets what a projection applied, when it is rebuilt from the first event. */
    public void reset(String projection) {
        jdbc.update("DELETE FROM applied_event WHERE projection = ?", projection);
    }
}
