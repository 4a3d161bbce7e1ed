package io.gpuledger.platform;

import static io.gpuledger.support.ProblemAssertions.assertProblem;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MKT_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.LedgerTables;
import io.gpuledger.support.Leases;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Idempotency records are kept for the retention and then deleted: within it a replay answers the
 * stored response, after it the key is free and the request is answered by the ledger's own rules.
 * Records are aged by moving created_at into the past, and the pruner is run directly.
 */
class IdempotencyRetentionIT extends LedgerIT {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private IdempotencyPruner pruner;
    @Autowired
    private IdempotencyProperties properties;
    private LedgerTables tables;
    private String leaseId;
    private String path;

    @BeforeEach
    void openLease() {
        tables = new LedgerTables(jdbc);
        leaseId = Leases.uniqueId("lease");
        path = "/v1/leases/" + leaseId;
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId)).status()).isEqualTo(201);
    }

    @Test
    void theDefaultRetentionIsSevenDays() {
        assertThat(properties.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(properties.pruneInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aUsageBatchReplayedAfterPruningIsAnsweredDuplicateAndRecordsNothing() {
        String key = "batch-" + leaseId;
        String body = Leases.batch(List.of(
                Leases.batchReport(leaseId, "r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28800),
                Leases.batchReport(leaseId, "r-2", "2026-11-01T01:00:00Z", "2026-11-01T02:00:00Z", 3600)));
        Response first = api.post(MARKETPLACE_A, "/v1/usage:batch", key, body);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(statuses(first)).containsExactly("ACCEPTED", "ACCEPTED");
        long events = tables.eventsOf(MKT_A, leaseId);

        ageBeyondRetention(key);
        pruneUntilGone(key);

        Response again = tables.noEventsAppendedBy(() -> api.post(MARKETPLACE_A, "/v1/usage:batch", key, body));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(statuses(again)).containsExactly("DUPLICATE", "DUPLICATE");
        assertThat(tables.eventsOf(MKT_A, leaseId)).isEqualTo(events);
        // Each DUPLICATE carries the report's first result.
        for (int i = 0; i < 2; i++) {
            assertThat(again.json().path("results").get(i).path("chargedUnits"))
                    .isEqualTo(first.json().path("results").get(i).path("chargedUnits"));
        }

        // The key is claimed again: a further retry replays this second answer.
        Response replay = tables.noEventsAppendedBy(() -> api.post(MARKETPLACE_A, "/v1/usage:batch", key, body));
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(again.body());
        await().untilAsserted(() -> assertThat(api.get(MARKETPLACE_A, path).json().path("gpuSecondsRecorded")
                .asLong()).isEqualTo(28800 + 3600));
    }

    @Test
    void aSingleReportReplayedAfterPruningIsAnsweredDuplicate() {
        String key = "usage-" + leaseId;
        String body = Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28800);
        Response first = api.post(MARKETPLACE_A, path + "/usage", key, body);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        long events = tables.eventsOf(MKT_A, leaseId);

        ageBeyondRetention(key);
        pruneUntilGone(key);

        Response again = tables.noEventsAppendedBy(() -> api.post(MARKETPLACE_A, path + "/usage", key, body));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(again.json().path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(again.json().path("chargedUnits")).isEqualTo(first.json().path("chargedUnits"));
        assertThat(tables.eventsOf(MKT_A, leaseId)).isEqualTo(events);
    }

    @Test
    void aLeaseOpenReplayedAfterPruningIsAnsweredLeaseExists() {
        String otherLease = Leases.uniqueId("lease");
        String key = "open-" + otherLease;
        String body = Leases.open(otherLease);
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", key, body).status()).isEqualTo(201);

        ageBeyondRetention(key);
        pruneUntilGone(key);

        Response again = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases", key, body));
        assertProblem(again, 409, "LEASE_EXISTS");
        assertThat(tables.eventsOf(MKT_A, otherLease)).isEqualTo(1);
    }

    @Test
    void aCloseReplayedAfterPruningIsAnsweredLeaseClosed() {
        String key = "close-" + leaseId;
        String body = Leases.close("EXPIRED", "2026-11-03T00:00:00Z");
        assertThat(api.post(MARKETPLACE_A, path + "/close", key, body).status()).isEqualTo(200);

        ageBeyondRetention(key);
        pruneUntilGone(key);

        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, path + "/close", key, body)), 409, "LEASE_CLOSED");
        assertThat(tables.eventsOf(MKT_A, leaseId)).isEqualTo(2);
    }

    @Test
    void keepsARecordInsideTheRetention() {
        String key = "young-" + leaseId;
        String body = Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28800);
        Response first = api.post(MARKETPLACE_A, path + "/usage", key, body);
        age(key, properties.retention().minusMinutes(10));

        pruner.prune();

        assertThat(recordsUnder(key)).isEqualTo(1);
        Response replay = tables.unchangedBy(() -> api.post(MARKETPLACE_A, path + "/usage", key, body));
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(first.body());
        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, path + "/usage", key,
                Leases.usage("r-2", "2026-11-01T01:00:00Z", "2026-11-01T02:00:00Z", 1))), 409, "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void prunesMoreThanOneChunkAndSeveralInstancesMayPruneAtOnce() {
        String scope = "prune-test-" + UUID.randomUUID();
        int records = IdempotencyPruner.CHUNK * 2 + 500;
        jdbc.update("""
                INSERT INTO idempotency_record (scope, idempotency_key, request_hash, response_status, response_body,
                    created_at)
                SELECT ?, 'k-' || n, '\\x00'::bytea, 200, '{}', now() - make_interval(secs => ?) - n * interval '1 second'
                FROM generate_series(1, ?) AS n
                """, scope, properties.retention().toSeconds() + 60.0, records);
        jdbc.update("INSERT INTO idempotency_record (scope, idempotency_key, request_hash, response_status, "
                + "response_body) VALUES (?, 'fresh', '\\x00'::bytea, 200, '{}')", scope);

        // Two instances' rounds at once: one prunes, the other steps aside or takes over between chunks.
        CompletableFuture<Long> one = CompletableFuture.supplyAsync(pruner::prune);
        CompletableFuture<Long> other = CompletableFuture.supplyAsync(pruner::prune);
        assertThat(one.join()).isGreaterThanOrEqualTo(-1);
        assertThat(other.join()).isGreaterThanOrEqualTo(-1);

        await().untilAsserted(() -> {
            pruner.prune();
            assertThat(jdbc.queryForList("SELECT idempotency_key FROM idempotency_record WHERE scope = ?",
                    String.class, scope)).containsExactly("fresh");
        });
    }

    private static List<String> statuses(Response batch) {
        return batch.json().path("results").findValuesAsText("status");
    }

    private void ageBeyondRetention(String key) {
        age(key, properties.retention().plusMinutes(1));
    }

    private void age(String key, Duration by) {
        assertThat(jdbc.update("UPDATE idempotency_record SET created_at = now() - make_interval(secs => ?) "
                + "WHERE idempotency_key = ?", by.toSeconds() * 1.0, key)).isEqualTo(1);
    }

    /** Runs the pruner until the record is gone: a scheduled round of the same pruner may hold the lock. */
    private void pruneUntilGone(String key) {
        await().untilAsserted(() -> {
            pruner.prune();
            assertThat(recordsUnder(key)).isZero();
        });
    }

    private long recordsUnder(String key) {
        return jdbc.queryForObject("SELECT count(*) FROM idempotency_record WHERE idempotency_key = ?", Long.class, key);
    }
}
