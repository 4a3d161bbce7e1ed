package io.gpuledger.eventstore;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a cut of the event store: the highest global index such that every event at or below it
 * is committed and every event committed later lies above it. Epochs end at a cut; the sealer
 * seals up to one.
 *
 * <p>Global indexes come from a sequence, so a transaction can hold a low index and commit after
 * a higher one is visible. Taking a SHARE lock on the event table waits for every transaction that
 * is inserting events to finish and keeps new inserts out for the instant it takes to read the
 * maximum; an insert blocked behind the lock has not drawn its index yet, so it gets a higher one.
 * The lock is held for one statement, not for the work done up to the cut, but taking it waits
 * for the slowest write in flight while every new write queues behind it.
 *
 * <p>A background reader that can wait a moment has no need to stop the writers: {@link #propose}
 * reads the highest committed index and then notes every transaction open at that instant; once
 * all of those have ended ({@link #isSettled}), that index is a cut. An event below it that was not
 * committed yet drew its index before the highest one did, so inside a transaction open at the
 * proposal, which has since committed or rolled back; any index drawn later is higher.
 */
@Component
public class EventStoreCut {

    /**
     * Transactions that could be inserting events: only client sessions write. Autovacuum's run for
     * seconds on a busy table and would hold every proposal back while they do.
     */
    private static final String OPEN_TRANSACTIONS = """
            SELECT pid, xact_start FROM pg_stat_activity
            WHERE xact_start IS NOT NULL AND backend_type = 'client backend'""";

    private final JdbcTemplate jdbc;
    private final EventStoreReader events;
    private final TransactionTemplate transactions;

    EventStoreCut(JdbcTemplate jdbc, EventStoreReader events, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.events = events;
        // Its own short transaction, even when called inside a request's: the lock must go at once.
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public long take() {
        Long cut = transactions.execute(status -> events.highestIndexHoldingAppends());
        return cut == null ? 0 : cut;
    }

    /** A cut in waiting: {@code index} becomes a cut once every transaction in {@code open} has ended. */
    public record Proposal(long index, List<OpenTransaction> open) {
    }

    /** A transaction by its backend and start time: a backend runs one transaction at a time. */
    public record OpenTransaction(int pid, Timestamp started) {
    }

    public Proposal propose() {
        long highest = events.highestIndex();
        List<OpenTransaction> open = jdbc.query(OPEN_TRANSACTIONS + " AND pid <> pg_backend_pid()",
                (rs, i) -> new OpenTransaction(rs.getInt(1), rs.getTimestamp(2)));
        return new Proposal(highest, open);
    }

    public boolean isSettled(Proposal proposal) {
        if (proposal.open().isEmpty()) {
            return true;
        }
        List<OpenTransaction> stillOpen = jdbc.query(OPEN_TRANSACTIONS,
                (rs, i) -> new OpenTransaction(rs.getInt(1), rs.getTimestamp(2)));
        return proposal.open().stream().noneMatch(stillOpen::contains);
    }
}
