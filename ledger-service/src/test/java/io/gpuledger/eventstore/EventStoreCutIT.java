package io.gpuledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.TestEventMacs;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The two ways of taking a cut must never let an event commit later at or below it. Events are
 * written here by hand, each in a transaction held open as a slow request's would be; their payload
 * type is one no handler knows, so the ledger's processors pass them by.
 */
class EventStoreCutIT extends LedgerIT {

    @Autowired
    EventStoreCut cut;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aProposedCutSettlesOnlyWhenEveryTransactionOpenAtTheProposalHasEnded() throws Exception {
        try (Connection slow = dataSource.getConnection(); Connection quick = dataSource.getConnection();
             Connection later = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            long lowIndex = insertEvent(slow);
            long highIndex = insertEvent(quick);
            assertThat(highIndex).isGreaterThan(lowIndex);

            EventStoreCut.Proposal proposal = cut.propose();

            assertThat(proposal.index()).isGreaterThanOrEqualTo(highIndex);
            assertThat(cut.isSettled(proposal)).as("the slow transaction holds an index below the proposal").isFalse();

            later.setAutoCommit(false);
            long laterIndex = insertEvent(later);
            assertThat(laterIndex).isGreaterThan(proposal.index());

            slow.commit();
            assertThat(cut.isSettled(proposal))
                    .as("a transaction begun after the proposal draws higher indexes and does not hold it back")
                    .isTrue();
            later.rollback();
        }
    }

    @Test
    void aTakenCutWaitsForTheSlowTransactionAndLiesAboveItsEvent() throws Exception {
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            long lowIndex = insertEvent(slow);
            CompletableFuture<Long> taken = CompletableFuture.supplyAsync(cut::take);

            await().until(() -> jdbc.queryForObject("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE wait_event_type = 'Lock' AND query LIKE 'LOCK TABLE domain_event_entry%'""", Long.class) > 0);
            assertThat(taken).as("the cut waits while an insert is in flight").isNotCompleted();
            slow.commit();

            assertThat(taken.get()).isGreaterThanOrEqualTo(lowIndex);
        }
    }

    @Test
    void theSealerSealsACommittedEventOnItsOwnWithinAFewIntervals() throws Exception {
        long index;
        try (Connection connection = dataSource.getConnection()) {
            index = insertEvent(connection);
        }
        await().until(() -> jdbc.queryForObject("SELECT count(*) FROM event_seal WHERE global_index = ?", Long.class,
                index) == 1);
    }

    private static long insertEvent(Connection connection) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data, event_mac)
                VALUES (?, ?, 0, 'CutTest', '2026-11-30T00:00:00Z', 'io.gpuledger.audit.CutTestMarker', NULL,
                    convert_to('{}', 'UTF8'), convert_to('{}', 'UTF8'), ?)
                RETURNING global_index""")) {
            String eventId = UUID.randomUUID().toString();
            String aggregateId = "cut-test-" + UUID.randomUUID();
            insert.setString(1, eventId);
            insert.setString(2, aggregateId);
            // The MAC the ledger's append would write, so that the sealer seals the row.
            insert.setBytes(3, TestEventMacs.macOf(new StoredEvent(0, eventId, aggregateId, 0,
                    "io.gpuledger.audit.CutTestMarker", null, "2026-11-30T00:00:00Z", "{}".getBytes(StandardCharsets.UTF_8))));
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
