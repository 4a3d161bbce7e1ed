package io.gpuledger.support;

import io.gpuledger.lease.api.LeaseKey;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;

/** What tests read straight from the database: how many events and idempotency records exist. */
public final class LedgerTables {

    private final JdbcTemplate jdbc;

    public LedgerTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    public long eventsOf(String marketplaceId, String leaseId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, LeaseKey.of(marketplaceId, leaseId));
    }

    public long idempotencyRecords() {
        return jdbc.queryForObject("SELECT count(*) FROM idempotency_record", Long.class);
    }

    /** The highest global index in the event store, or -1 when it is empty. */
    public long headIndex() {
        return jdbc.queryForObject("SELECT COALESCE(MAX(global_index), -1) FROM domain_event_entry", Long.class);
    }

    /**
     * Runs a request that must append no event, such as a replay or a batch of only rejected reports.
     * Compares the head of the event store (an index lookup), so tests may call it often.
     */
    public <R> R noEventsAppendedBy(Supplier<R> request) {
        long head = headIndex();
        R response = request.get();
        if (headIndex() != head) {
            throw new AssertionError("the request appended events: " + response);
        }
        return response;
    }

    /** Runs a request that must be rejected and checks that it appended no event and stored no response. */
    public <R> R unchangedBy(Supplier<R> request) {
        long events = events();
        long records = idempotencyRecords();
        R response = request.get();
        if (events() != events || idempotencyRecords() != records) {
            throw new AssertionError("a rejected request changed the ledger: " + response);
        }
        return response;
    }
}
