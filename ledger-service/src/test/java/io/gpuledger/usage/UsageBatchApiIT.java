package io.gpuledger.usage;

import static io.gpuledger.support.ProblemAssertions.assertProblem;
import static io.gpuledger.support.ProblemAssertions.errorFields;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MARKETPLACE_B;
import static io.gpuledger.support.TestKeys.MKT_A;
import static io.gpuledger.support.TestKeys.MKT_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.LedgerTables;
import io.gpuledger.support.Leases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** POST /v1/usage:batch: one result per report, in order; one bad report never rejects the others. */
class UsageBatchApiIT extends LedgerIT {

    private static final String H0 = "2026-11-01T00:00:00Z";
    private static final String H1 = "2026-11-01T01:00:00Z";
    private static final String H2 = "2026-11-01T02:00:00Z";
    private static final String H3 = "2026-11-01T03:00:00Z";

    @Autowired
    private JdbcTemplate jdbc;
    private LedgerTables tables;
    private String first;
    private String second;

    @BeforeEach
    void openTwoLeases() {
        tables = new LedgerTables(jdbc);
        first = open(MARKETPLACE_A, Leases.uniqueId("lease"));
        second = open(MARKETPLACE_A, Leases.uniqueId("lease"));
    }

    @Test
    void recordsTheGoodReportsOfAMixedBatchAndAnswersEachInOrder() {
        String othersLease = open(MARKETPLACE_B, Leases.uniqueId("lease"));
        assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + first + "/usage", Leases.usage("r-0", H0, H1, 28800))
                .status()).isEqualTo(201);
        long firstEvents = tables.eventsOf(MKT_A, first);

        Response batch = api.post(MARKETPLACE_A, "/v1/usage:batch", Leases.batch(List.of(
                Leases.batchReport(first, "r-1", H1, H2, 28800),
                Leases.batchReport(second, "r-1", H0, H1, 14400),
                "42",
                "{\"leaseId\": \"" + first + "\", \"reportId\": \"r-9\", \"periodStart\": \"" + H2
                        + "\", \"periodEnd\": \"" + H3 + "\"}",
                Leases.batchReport(first + "-nope", "r-1", H0, H1, 1),
                Leases.batchReport(othersLease, "r-1", H0, H1, 1),
                Leases.batchReport(first, "r-2", "2026-11-01T00:30:00Z", "2026-11-01T01:30:00Z", 1),
                Leases.batchReport(first, "r-1", H1, H2, 28800),
                Leases.batchReport(first, "r-0", H0, H1, 28800),
                Leases.batchReport(first, "r-0", H0, H1, 28799),
                Leases.batchReport(second, "r-2", H1, H2, 28801),
                Leases.batchReport(second, "r-3", "2026-10-31T23:00:00Z", H0, 1),
                Leases.batchReport(first, "r-3", H2, H3, 28800))));

        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        JsonNode results = batch.json().path("results");
        assertThat(outcomes(results)).containsExactly(
                first + " r-1 ACCEPTED 16800000/840000/15960000",
                second + " r-1 ACCEPTED 8400000/420000/7980000",
                "null null REJECTED VALIDATION_FAILED",
                first + " r-9 REJECTED VALIDATION_FAILED",
                first + "-nope r-1 REJECTED LEASE_NOT_FOUND",
                othersLease + " r-1 REJECTED LEASE_NOT_FOUND",
                first + " r-2 REJECTED USAGE_PERIOD_OVERLAP",
                first + " r-1 DUPLICATE 16800000/840000/15960000",
                first + " r-0 DUPLICATE 16800000/840000/15960000",
                first + " r-0 REJECTED USAGE_REPORT_CONFLICT",
                second + " r-2 REJECTED USAGE_EXCEEDS_CAPACITY",
                second + " r-3 REJECTED USAGE_OUTSIDE_LEASE",
                first + " r-3 ACCEPTED 16800000/840000/15960000");
        assertThat(fields(results.get(2))).contains("reports[2]");
        assertThat(fields(results.get(3))).containsExactly("reports[3].gpuSeconds");
        assertThat(tables.eventsOf(MKT_A, first)).as("one event for the lease's accepted reports")
                .isEqualTo(firstEvents + 1);
        assertThat(tables.eventsOf(MKT_A, second)).isEqualTo(2);
        assertThat(tables.eventsOf(MKT_B, othersLease)).isEqualTo(1);
        assertThat(metaDataOfEvents(first)).as("usage events carry no trace or correlation ids")
                .containsOnlyKeys("io.gpuledger.lease.api.LeaseOpenedEvent", "io.gpuledger.usage.api.UsageRecordedEvent")
                .containsEntry("io.gpuledger.usage.api.UsageRecordedEvent", "{}")
                .hasEntrySatisfying("io.gpuledger.lease.api.LeaseOpenedEvent", m -> assertThat(m).contains("traceId"));
        await().untilAsserted(() -> {
            assertThat(api.get(MARKETPLACE_A, "/v1/leases/" + first).json().path("chargedUnits").asText())
                    .isEqualTo("50400000");
            assertThat(api.get(MARKETPLACE_A, "/v1/leases/" + second).json().path("chargedUnits").asText())
                    .isEqualTo("8400000");
            assertThat(api.get(MARKETPLACE_B, "/v1/leases/" + othersLease).json().path("gpuSecondsRecorded")
                    .asLong()).isZero();
        });
    }

    /** Each distinct stored metadata of a lease's events, by payload type. */
    private Map<String, String> metaDataOfEvents(String leaseId) {
        Map<String, String> byType = new TreeMap<>();
        jdbc.query("""
                SELECT DISTINCT payload_type, convert_from(meta_data, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ?""", rs -> {
            byType.merge(rs.getString(1), rs.getString(2), (a, b) -> a + " | " + b);
        }, LeaseKey.of(MKT_A, leaseId));
        return byType;
    }

    @Test
    void chargesTheReportsOfOneLeaseInTheirOrderWithinTheBatch() {
        String flooring = Leases.uniqueId("lease");
        api.post(MARKETPLACE_A, "/v1/leases", Leases.open(flooring, "prov-7", "tenant-42", 1, "1000001", 333, H0,
                null));

        Response batch = api.post(MARKETPLACE_A, "/v1/usage:batch", Leases.batch(List.of(
                Leases.batchReport(flooring, "r-2", H1, "2026-11-01T01:00:01Z", 1),
                Leases.batchReport(first, "r-1", H0, H1, 1),
                Leases.batchReport(flooring, "r-1", H0, "2026-11-01T00:00:01Z", 1))));

        assertThat(outcomes(batch.json().path("results"))).containsExactly(
                flooring + " r-2 ACCEPTED 277/9/268",
                first + " r-1 ACCEPTED 583/29/554",
                flooring + " r-1 ACCEPTED 278/9/269");
    }

    @Test
    void answersABatchOfOnlyRejectedReportsWithoutRecordingAnything() {
        Response batch = tables.noEventsAppendedBy(() -> api.post(MARKETPLACE_A, "/v1/usage:batch", Leases.batch(List.of(
                Leases.batchReport(first, "r-1", H0, H0, 1),
                Leases.batchReport(first, "r-2", "2026-12-01T00:00:00Z", "2026-12-01T01:00:00Z", 1)))));

        assertThat(batch.status()).isEqualTo(200);
        assertThat(outcomes(batch.json().path("results"))).containsExactly(
                first + " r-1 REJECTED VALIDATION_FAILED", first + " r-2 REJECTED USAGE_OUTSIDE_LEASE");
    }

    @Test
    void rejectsABatchWithoutReports() {
        for (String body : List.of("{}", "{\"reports\": []}", "{\"reports\": {}}", "{\"reports\": null}")) {
            Response rejected = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/usage:batch", body));
            assertProblem(rejected, 400, "VALIDATION_FAILED");
            assertThat(errorFields(rejected)).as(body).containsExactly("reports");
        }
        Response extra = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/usage:batch",
                Leases.batch(List.of(Leases.batchReport(first, "r-1", H0, H1, 1))).replace("{\"reports\"",
                        "{\"meter\": 1, \"reports\"")));
        assertProblem(extra, 400, "VALIDATION_FAILED");
        assertThat(errorFields(extra)).containsExactly("meter");
    }

    @Test
    void rejectsABatchThatIsNotJson() {
        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/usage:batch", "{\"reports\": [")), 400,
                "MALFORMED_JSON");
    }

    @Test
    void rejectsABatchOfMoreThanTenThousandReportsWithoutRecordingAny() {
        String body = Leases.batch(secondlyReports(first, 10_001));
        Response rejected = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/usage:batch", body));

        assertProblem(rejected, 413, "BATCH_TOO_LARGE");
        assertThat(errorFields(rejected)).containsExactly("reports");
    }

    @Test
    void recordsABatchOfTenThousandReports() {
        String body = Leases.batch(secondlyReports(first, 10_000));
        Response batch = api.post(MARKETPLACE_A, "/v1/usage:batch", body);

        assertThat(batch.status()).as(batch.toString().substring(0, 300)).isEqualTo(200);
        JsonNode results = batch.json().path("results");
        assertThat(results.size()).isEqualTo(10_000);
        results.forEach(result -> assertThat(result.path("status").asText()).isEqualTo("ACCEPTED"));
        assertThat(tables.eventsOf(MKT_A, first)).as("opened, then one event with all 10,000 reports").isEqualTo(2);
        // 80,000 GPU-seconds at 2,100,000 units per GPU-hour.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode lease = api.get(MARKETPLACE_A, "/v1/leases/" + first).json();
            assertThat(lease.path("gpuSecondsRecorded").asLong()).isEqualTo(80_000);
            assertThat(lease.path("chargedUnits").asText()).isEqualTo("46666666");
        });
    }

    /** Reports of one second each, back to back from the lease's start, each using all 8 GPUs. */
    private static List<String> secondlyReports(String leaseId, int count) {
        Instant start = Instant.parse(H0);
        List<String> reports = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            reports.add(Leases.batchReport(leaseId, "s-" + i, start.plusSeconds(i).toString(),
                    start.plusSeconds(i + 1).toString(), 8));
        }
        return reports;
    }

    private String open(String key, String leaseId) {
        Response opened = api.post(key, "/v1/leases", Leases.open(leaseId));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return leaseId;
    }

    /** Each result as "leaseId reportId STATUS charged/fee/provider" or "leaseId reportId REJECTED CODE". */
    private static List<String> outcomes(JsonNode results) {
        List<String> outcomes = new ArrayList<>();
        for (JsonNode r : results) {
            String head = r.path("leaseId").asText("null") + " " + r.path("reportId").asText("null") + " "
                    + r.path("status").asText();
            outcomes.add("REJECTED".equals(r.path("status").asText())
                    ? head + " " + r.path("code").asText()
                    : head + " " + r.path("chargedUnits").asText() + "/" + r.path("feeUnits").asText() + "/"
                            + r.path("providerUnits").asText());
        }
        return outcomes;
    }

    private static List<String> fields(JsonNode result) {
        List<String> fields = new ArrayList<>();
        result.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}
