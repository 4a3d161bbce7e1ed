package io.gpuledger.platform;

import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes idempotency records older than the retention, so that stored responses (some 130 KB for a
 * batch of 1,000 reports) do not pile up. Rows go in chunks, each in its own short transaction, so
 * that no run holds locks for long or leaves one huge transaction behind. Several instances of the
 * service may run it: a transaction-scoped advisory lock lets one of them prune at a time, and the
 * others skip their round.
 */
@Component
public class IdempotencyPruner {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPruner.class);
    static final int CHUNK = 10_000;
    private static final long ADVISORY_LOCK = 0x5EA1_0002L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final IdempotencyProperties properties;

    public IdempotencyPruner(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                             IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${ledger.idempotency.prune-interval:PT1H}")
    void pruneOnSchedule() {
        long deleted = prune();
        if (deleted > 0) {
            log.info("Deleted {} idempotency records older than {}", deleted, properties.retention());
        }
    }

    /**
     * Deletes every record created before now less the retention, by the database's clock (the one
     * that stamped {@code created_at}). Answers how many it deleted, or -1 when another instance was
     * pruning from the start and this run stepped aside; an instance that loses the lock between
     * two chunks stops there and leaves the rest to the one holding it.
     */
    public long prune() {
        OffsetDateTime cutoff = jdbc.queryForObject("SELECT now() - make_interval(secs => ?)",
                OffsetDateTime.class, properties.retention().toNanos() / 1e9);
        long deleted = 0;
        while (true) {
            Integer chunk = transactions.execute(status -> deleteChunk(cutoff));
            if (chunk == null) {
                return deleted == 0 ? -1 : deleted;
            }
            deleted += chunk;
            if (chunk < CHUNK) {
                return deleted;
            }
        }
    }

    /** One chunk of the oldest expired records, or null when another instance holds the lock. */
    private Integer deleteChunk(OffsetDateTime cutoff) {
        Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, ADVISORY_LOCK);
        if (!Boolean.TRUE.equals(locked)) {
            return null;
        }
        // The rows are locked by the subquery, so their ctids hold until the delete; a row another
        // transaction deletes meanwhile is skipped, not waited for. created_at is indexed (V80).
        return jdbc.update("""
                DELETE FROM idempotency_record WHERE ctid = ANY (ARRAY(
                    SELECT ctid FROM idempotency_record WHERE created_at < ?
                    ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED))
                """, cutoff, CHUNK);
    }
}
