package io.gpuledger.usage;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MKT_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.platform.IdempotencyProperties;
import io.gpuledger.platform.IdempotencyPruner;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.LedgerTables;
import io.gpuledger.support.Leases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A lease with far more reports than it keeps in memory: a report id recorded long ago is still a
 * DUPLICATE with its first charges (found through lease_report_id and its event), another body under
 * it a conflict, and its period still refuses an overlap; so too after the lease left the cache.
 * After its Idempotency-Key record was pruned, a batch of such old reports replayed is answered with
 * DUPLICATEs and appends nothing. One minute of the standard lease's 8 GPUs charges 280,000 units,
 * 14,000 of them fee.
 */
class LongLeaseHistoryIT extends LedgerIT {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final int REPORTS = 200;

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private Cache aggregateCache;
    @Autowired
    private IdempotencyPruner pruner;
    @Autowired
    private IdempotencyProperties idempotency;
    private LedgerTables tables;
    private String leaseId;

    @BeforeEach
    void recordALongHistory() {
        tables = new LedgerTables(jdbc);
        leaseId = Leases.uniqueId("lease");
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId)).status()).isEqualTo(201);
        for (int from = 0; from < REPORTS; from += 50) {
            List<String> reports = new ArrayList<>();
            for (int i = from; i < from + 50; i++) {
                reports.add(report("r-" + i, i, i + 1, 480));
            }
            Response batch = api.post(MARKETPLACE_A, "/v1/usage:batch", keyOf(from), Leases.batch(reports));
            assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        }
    }

    @Test
    void notesEveryRecordedReportIdInTheHistory() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM lease_report_id WHERE lease_key = ?", Long.class,
                MKT_A + "/" + leaseId)).isEqualTo(REPORTS);
    }

    @Test
    void answersAnOldReportAsDuplicateAndRefusesAnOldIdOrPeriodReused() {
        assertOldReportsAnswered();
    }

    @Test
    void answersTheSameAfterTheLeaseLeftTheCache() {
        aggregateCache.removeAll();
        assertOldReportsAnswered();
    }

    @Test
    void answersTheFirstBatchReplayedAfterItsIdempotencyRecordWasPrunedWithDuplicates() {
        String body = jdbc.queryForObject("SELECT response_body FROM idempotency_record WHERE idempotency_key = ?",
                String.class, keyOf(0));
        jdbc.update("UPDATE idempotency_record SET created_at = now() - make_interval(secs => ?) "
                + "WHERE idempotency_key = ?", idempotency.retention().toSeconds() + 60.0, keyOf(0));
        await().untilAsserted(() -> {
            pruner.prune();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_record WHERE idempotency_key = ?",
                    Long.class, keyOf(0))).isZero();
        });
        List<String> reports = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            reports.add(report("r-" + i, i, i + 1, 480));
        }

        Response replay = tables.noEventsAppendedBy(() ->
                api.post(MARKETPLACE_A, "/v1/usage:batch", keyOf(0), Leases.batch(reports)));

        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(replay.json().path("results").findValuesAsText("status")).hasSize(50).containsOnly("DUPLICATE");
        assertThat(body).contains("\"chargedUnits\":\"280000\"");
        assertThat(outcomes(replay.json().path("results"))).allMatch(o -> o.endsWith("DUPLICATE 280000/14000/266000"));
    }

    private String keyOf(int from) {
        return "history-" + leaseId + "-" + from;
    }

    private void assertOldReportsAnswered() {
        Response again = tables.noEventsAppendedBy(() -> api.post(MARKETPLACE_A, "/v1/usage:batch", Leases.batch(List.of(
                report("r-0", 0, 1, 480),
                report("r-1", REPORTS, REPORTS + 1, 480),
                report("late", 2, 3, 60)))));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(outcomes(again.json().path("results"))).containsExactly(
                "r-0 DUPLICATE 280000/14000/266000",
                "r-1 REJECTED USAGE_REPORT_CONFLICT",
                "late REJECTED USAGE_PERIOD_OVERLAP");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM lease_report_id WHERE lease_key = ?", Long.class,
                MKT_A + "/" + leaseId)).isEqualTo(REPORTS);
    }

    private String report(String reportId, int fromMinute, int toMinute, long gpuSeconds) {
        return Leases.batchReport(leaseId, reportId, T0.plusSeconds(60L * fromMinute).toString(),
                T0.plusSeconds(60L * toMinute).toString(), gpuSeconds);
    }

    private static List<String> outcomes(JsonNode results) {
        List<String> outcomes = new ArrayList<>();
        for (JsonNode r : results) {
            String head = r.path("reportId").asText() + " " + r.path("status").asText();
            outcomes.add("REJECTED".equals(r.path("status").asText()) ? head + " " + r.path("code").asText()
                    : head + " " + r.path("chargedUnits").asText() + "/" + r.path("feeUnits").asText() + "/"
                            + r.path("providerUnits").asText());
        }
        return outcomes;
    }
}
