package io.gpuledger.settlement;

import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.lease.api.AccrueCapacityFeeCommand;
import io.gpuledger.lease.api.AccrueCapacityFeesCommand;
import io.gpuledger.lease.api.CapacityPricing;
import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Accrues every capacity lease's fee through an instant before an epoch's cut, so that the accruals
 * are events of the closing epoch (docs/MONEY.md, "Capacity leases"). The leases are kept in
 * capacity_accrual, learnt from the openings and closes since the last cut; a lease accrued through
 * its end leaves it. Each lease accrues only beyond where it stands, so a retried or concurrent close
 * accrues nothing twice.
 */
@Component
class CapacityAccruals {

    private static final List<Class<?>> EVENT_TYPES = List.of(LeaseOpenedEvent.class, LeaseClosedEvent.class);

    private final EventStoreReader events;
    private final JdbcTemplate jdbc;
    private final LeaseBatches batches;

    CapacityAccruals(EventStoreReader events, JdbcTemplate jdbc, LeaseBatches batches) {
        this.events = events;
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * Accrues every capacity lease known through {@code through}, then forgets those accrued through
     * their end. The accruals commit in batches ({@link LeaseBatches}), on a thread of their own, before
     * this returns: the close runs inside its request's transaction, and its cut must see them.
     */
    void accrue(Instant through) {
        List<AccrueCapacityFeeCommand> leases = jdbc.query("""
                SELECT marketplace_id, lease_id FROM capacity_accrual
                """, (rs, row) -> new AccrueCapacityFeeCommand(rs.getString(1), rs.getString(2), through));
        batches.send(leases.stream().sorted(Comparator.comparing(AccrueCapacityFeeCommand::leaseKey)).toList(),
                AccrueCapacityFeesCommand::new);
        jdbc.update("DELETE FROM capacity_accrual WHERE accrues_until <= ?", Timestamp.from(through));
    }

    /**
     * Learns the capacity leases opened, and the closes, in (fromExclusive, toInclusive]. Learning a
     * range again changes nothing, so a close that failed after it may learn its range anew.
     */
    void learn(long fromExclusive, long toInclusive) {
        List<Object[]> opened = new ArrayList<>();
        List<Object[]> closed = new ArrayList<>();
        events.forEachStoredInRange(EVENT_TYPES, fromExclusive, toInclusive, (stored, event) -> {
            if (event instanceof LeaseOpenedEvent e && e.pricing() instanceof CapacityPricing) {
                opened.add(new Object[] {e.marketplaceId(), e.leaseId(), timestamp(e.endsAt())});
            } else if (event instanceof LeaseClosedEvent e) {
                closed.add(new Object[] {timestamp(e.closedAt()), e.marketplaceId(), e.leaseId()});
            }
        });
        jdbc.batchUpdate("""
                INSERT INTO capacity_accrual (marketplace_id, lease_id, accrues_until) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING
                """, opened);
        // A close bounds the lease's accrual; a lease accrued through its end and gone stays gone.
        jdbc.batchUpdate("""
                UPDATE capacity_accrual SET accrues_until = ?
                WHERE marketplace_id = ? AND lease_id = ? AND (accrues_until IS NULL OR accrues_until > ?)
                """, closed.stream().map(c -> new Object[] {c[0], c[1], c[2], c[0]}).toList());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
