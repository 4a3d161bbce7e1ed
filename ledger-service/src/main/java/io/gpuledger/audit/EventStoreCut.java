package io.gpuledger.audit;

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
 * The lock is held for one statement, not for the work done up to the cut.
 */
@Component
public class EventStoreCut {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    EventStoreCut(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        // Its own short transaction, even when called inside a request's: the lock must go at once.
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public long take() {
        Long cut = transactions.execute(status -> {
            jdbc.execute("LOCK TABLE domain_event_entry IN SHARE MODE");
            return jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry", Long.class);
        });
        return cut == null ? 0 : cut;
    }
}
