package io.gpuledger.eventstore;

import io.gpuledger.platform.ClusterSingleton;
import io.gpuledger.platform.ClusterSingletons;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals new events into the hash chain of event_seal, up to a cut of the event store so that no
 * event can later appear below the sealed position. Seals are written in chunks, each in its own
 * transaction; after a crash the sealer resumes from the last seal and its chain hash. The scheduled
 * sealer runs on one instance at a time ({@link ClusterSingleton} "event-sealer"); an epoch's close
 * seals on the instance that closes it. When two seal at once, each chunk is written only on top of
 * the seal it was chained from, and the one that finds another's seals there starts again from them.
 */
@Component
public class EventSealer {

    private static final Logger log = LoggerFactory.getLogger(EventSealer.class);
    private static final int CHUNK = 5000;
    private static final long ADVISORY_LOCK = 0x5EA1_0001L;
    private static final int RACES_BEFORE_GIVING_UP = 10;

    private final JdbcTemplate jdbc;
    private final EventStoreCut cut;
    private final EventStoreReader events;
    private final TransactionTemplate transactions;
    private final ClusterSingleton singleton;
    /** The cut the next scheduled run seals up to, once it has settled. */
    private EventStoreCut.Proposal proposed;
    /** The global index of the altered event the sealer last reported, so that it reports each once. */
    private long lastTampered = -1;

    private final EventMacs macs;

    public EventSealer(JdbcTemplate jdbc, EventStoreCut cut, EventStoreReader events, TransactionTemplate transactions,
                       ClusterSingletons singletons, EventMacs macs) {
        this.singleton = singletons.named("event-sealer");
        this.jdbc = jdbc;
        this.cut = cut;
        this.events = events;
        this.transactions = transactions;
        this.macs = macs;
    }

    /**
     * Seals in the background without stopping writers: each run seals up to the cut proposed by an
     * earlier run, once settled, and proposes the next, so seals trail the writes by an interval or two.
     */
    @Scheduled(fixedDelayString = "${ledger.audit.seal-interval}")
    void sealOnSchedule() {
        if (!singleton.leads()) {
            proposed = null;
            return;
        }
        try {
            sealProposed();
        } catch (TamperedEvent e) {
            if (e.event().globalIndex() != lastTampered) {
                lastTampered = e.event().globalIndex();
                log.error("Sealing stops before event {} (global index {}): {}", e.event().eventId(),
                        e.event().globalIndex(), e.getMessage());
            }
        }
    }

    private void sealProposed() {
        if (proposed != null && !cut.isSettled(proposed)) {
            return;
        }
        if (proposed != null) {
            sealThrough(proposed.index());
        }
        proposed = cut.propose();
        if (proposed.open().isEmpty()) {
            sealThrough(proposed.index());
        }
    }

    /** Seals every committed event not sealed yet; answers the highest sealed global index. */
    public long seal() {
        return sealThrough(cut.take());
    }

    /**
     * Seals every event up to {@code to}, which must be a cut (see {@link EventStoreCut}). An event
     * that does not hold up against its MAC is never sealed: the events before it are, and
     * {@link TamperedEvent} names it.
     */
    public synchronized long sealThrough(long to) {
        for (int race = 1; ; race++) {
            try {
                return sealFromLast(to);
            } catch (SealedMeanwhile | DuplicateKeyException e) {
                // Another instance sealed some of these events first: go on from its seals.
                if (race == RACES_BEFORE_GIVING_UP) {
                    throw e;
                }
                log.debug("Another instance sealed events meanwhile; sealing on from its seals");
            }
        }
    }

    private long sealFromLast(long to) {
        Seal last = lastSeal();
        if (to <= last.globalIndex()) {
            return last.globalIndex();
        }
        List<Object[]> pending = new ArrayList<>(CHUNK);
        long[] sealedThrough = {last.globalIndex()};
        byte[][] chain = {last.chainHash()};
        TamperedEvent[] tampered = {null};
        events.forEachInRange(last.globalIndex(), to, event -> {
            if (tampered[0] != null) {
                return;
            }
            byte[] eventHash = EventHashes.hash(event);
            String tampering = macs.tampering(event, eventHash);
            if (tampering != null) {
                tampered[0] = new TamperedEvent(event, tampering);
                return;
            }
            chain[0] = ChainHash.next(chain[0], eventHash);
            pending.add(new Object[] {event.globalIndex(), event.eventId(), event.aggregateId(),
                    event.sequenceNumber(), eventHash, chain[0]});
            if (pending.size() == CHUNK) {
                sealedThrough[0] = write(pending, sealedThrough[0]);
            }
        });
        write(pending, sealedThrough[0]);
        if (tampered[0] != null) {
            throw tampered[0];
        }
        return to;
    }

    /** An event altered in the database after the ledger appended it: its MAC does not match it. */
    public static final class TamperedEvent extends RuntimeException {

        private final transient StoredEvent event;

        TamperedEvent(StoredEvent event, String reason) {
            super(reason);
            this.event = event;
        }

        public StoredEvent event() {
            return event;
        }
    }

    /** The last seal, or the chain's zero start. */
    public Seal lastSeal() {
        List<Seal> last = jdbc.query("SELECT global_index, chain_hash FROM event_seal ORDER BY global_index DESC LIMIT 1",
                (rs, i) -> new Seal(rs.getLong(1), rs.getBytes(2)));
        return last.isEmpty() ? new Seal(0, ChainHash.START) : last.get(0);
    }

    public record Seal(long globalIndex, byte[] chainHash) {
    }

    /** The sealed event hashes of {@code fromExclusive < global_index <= toInclusive}, in global order. */
    public List<byte[]> eventHashes(long fromExclusive, long toInclusive) {
        return jdbc.query("SELECT event_hash FROM event_seal WHERE global_index > ? AND global_index <= ? "
                + "ORDER BY global_index", (rs, i) -> rs.getBytes(1), fromExclusive, toInclusive);
    }

    /** Writes the seals on top of the seal at {@code after}; answers the index of the last one written. */
    private long write(List<Object[]> seals, long after) {
        if (seals.isEmpty()) {
            return after;
        }
        transactions.executeWithoutResult(status -> {
            // Two instances of the service must not seal the same events concurrently.
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, ADVISORY_LOCK);
            Long highest = jdbc.queryForObject("SELECT max(global_index) FROM event_seal", Long.class);
            if ((highest == null ? 0 : highest) != after) {
                throw new SealedMeanwhile();
            }
            jdbc.batchUpdate("""
                    INSERT INTO event_seal (global_index, event_identifier, aggregate_identifier, sequence_number,
                        event_hash, chain_hash) VALUES (?, ?, ?, ?, ?, ?)
                    """, seals);
        });
        long last = (Long) seals.get(seals.size() - 1)[0];
        seals.clear();
        return last;
    }

    /** The seal chain grew under this sealer: another instance sealed events it was about to. */
    private static final class SealedMeanwhile extends RuntimeException {

        SealedMeanwhile() {
            super("another instance sealed events meanwhile", null, false, false);
        }
    }

}
