package io.gpuledger.platform;

import static io.gpuledger.support.ProblemAssertions.assertProblem;
import static io.gpuledger.support.ProblemAssertions.errorFields;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MARKETPLACE_B;
import static io.gpuledger.support.TestKeys.MKT_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.LedgerTables;
import io.gpuledger.support.Leases;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The Idempotency-Key of every POST: required, replayed for the same body, refused for another. */
class IdempotencyApiIT extends LedgerIT {

    @Autowired
    private JdbcTemplate jdbc;
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
    void requiresAnIdempotencyKeyOnEveryPost() {
        for (String[] write : writes()) {
            Response missing = tables.unchangedBy(() -> api.post(MARKETPLACE_A, write[0], null, write[1]));
            assertProblem(missing, 400, "IDEMPOTENCY_KEY_MISSING");
            assertThat(errorFields(missing)).containsExactly("Idempotency-Key");
        }
    }

    @Test
    void rejectsAMalformedIdempotencyKey() {
        for (String key : List.of("has space", "k".repeat(256))) {
            Response malformed = tables.unchangedBy(() -> api.post(MARKETPLACE_A, path + "/usage", key,
                    Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 1)));
            assertProblem(malformed, 400, "VALIDATION_FAILED");
            assertThat(errorFields(malformed)).containsExactly("Idempotency-Key");
        }
    }

    @Test
    void replaysTheFirstResponseOfEveryWriteForTheSameKeyAndBody() {
        for (String[] write : writes()) {
            String key = UUID.randomUUID().toString();
            Response first = api.post(MARKETPLACE_A, write[0], key, write[1]);
            assertThat(first.status()).as(write[0] + " " + first).isBetween(200, 201);
            assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");

            for (int retry = 0; retry < 2; retry++) {
                Response replay = tables.unchangedBy(() -> api.post(MARKETPLACE_A, write[0], key, write[1]));
                assertThat(replay.status()).as(write[0]).isEqualTo(first.status());
                assertThat(replay.body()).isEqualTo(first.body());
                assertThat(replay.contentType()).startsWith("application/json");
                assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
            }
        }
        // One lease opened, one usage and one batch report recorded, one price change, one close: no more.
        assertThat(tables.eventsOf(MKT_A, leaseId)).isEqualTo(5);
    }

    @Test
    void replaysAnAcceptedReportAsAcceptedAndRecordsItOnce() {
        String body = Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28800);
        Response first = api.post(MARKETPLACE_A, path + "/usage", "key-1-" + leaseId, body);
        Response replay = api.post(MARKETPLACE_A, path + "/usage", "key-1-" + leaseId, body);

        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json().path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(tables.eventsOf(MKT_A, leaseId)).isEqualTo(2);
        await().untilAsserted(() -> assertThat(api.get(MARKETPLACE_A, path).json().path("chargedUnits").asText())
                .isEqualTo("16800000"));
    }

    @Test
    void replaysABatchThatNamedAnUnknownLeaseWithoutRecordingItAgain() {
        String key = "key-6-" + leaseId;
        String body = Leases.batch(List.of(
                Leases.batchReport(leaseId, "r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28800),
                Leases.batchReport(leaseId + "-nope", "r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 1)));
        Response first = api.post(MARKETPLACE_A, "/v1/usage:batch", key, body);
        assertThat(first.json().path("results").get(0).path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(first.json().path("results").get(1).path("code").asText()).isEqualTo("LEASE_NOT_FOUND");

        Response replay = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/usage:batch", key, body));

        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(tables.eventsOf(MKT_A, leaseId)).isEqualTo(2);
    }

    @Test
    void refusesTheSameKeyWithAnotherBodyAndChangesNothing() {
        String key = "key-2-" + leaseId;
        api.post(MARKETPLACE_A, path + "/usage", key,
                Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28800));

        Response reused = tables.unchangedBy(() -> api.post(MARKETPLACE_A, path + "/usage", key,
                Leases.usage("r-2", "2026-11-01T01:00:00Z", "2026-11-01T02:00:00Z", 28800)));

        assertProblem(reused, 409, "IDEMPOTENCY_KEY_REUSED");
        assertThat(errorFields(reused)).containsExactly("Idempotency-Key");
        assertThat(tables.eventsOf(MKT_A, leaseId)).isEqualTo(2);
        await().untilAsserted(() -> assertThat(api.get(MARKETPLACE_A, path).json().path("gpuSecondsRecorded")
                .asLong()).isEqualTo(28800));
    }

    @Test
    void refusesTheSameKeyOnAnotherRoute() {
        String key = "key-3-" + leaseId;
        api.post(MARKETPLACE_A, path + "/price", key, Leases.price("1800000", "2026-11-02T00:00:00Z"));

        Response reused = tables.unchangedBy(() -> api.post(MARKETPLACE_A, path + "/close", key,
                Leases.price("1800000", "2026-11-02T00:00:00Z")));

        assertProblem(reused, 409, "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void keepsEachMarketplacesKeysApart() {
        String key = "shared-key-" + leaseId;
        Response a = api.post(MARKETPLACE_A, "/v1/leases", key, Leases.open(Leases.uniqueId("lease")));
        Response b = api.post(MARKETPLACE_B, "/v1/leases", key, Leases.open(Leases.uniqueId("lease")));

        assertThat(a.status()).isEqualTo(201);
        assertThat(b.status()).as(b.toString()).isEqualTo(201);
        assertThat(b.header("Idempotent-Replayed")).isEqualTo("false");
    }

    @Test
    void leavesTheKeyFreeWhenTheRequestIsRejected() {
        String key = "key-4-" + leaseId;
        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, path + "/usage", key, "{\"reportId\":")),
                400, "MALFORMED_JSON");
        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, path + "/usage", key,
                Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28801))), 422,
                "USAGE_EXCEEDS_CAPACITY");

        Response accepted = api.post(MARKETPLACE_A, path + "/usage", key,
                Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28800));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.header("Idempotent-Replayed")).isEqualTo("false");
    }

    @Test
    void answersARejectionAgainWhenTheSameRejectedRequestIsRetried() {
        String key = "key-5-" + leaseId;
        String tooMuch = Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28801);
        assertProblem(api.post(MARKETPLACE_A, path + "/usage", key, tooMuch), 422, "USAGE_EXCEEDS_CAPACITY");
        assertProblem(api.post(MARKETPLACE_A, path + "/usage", key, tooMuch), 422, "USAGE_EXCEEDS_CAPACITY");
    }

    /** Each POST route with a body it accepts, in an order in which all of them succeed. */
    private List<String[]> writes() {
        return List.of(
                new String[] {"/v1/leases", Leases.open(Leases.uniqueId("lease"))},
                new String[] {path + "/usage", Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 1)},
                new String[] {"/v1/usage:batch", Leases.batch(List.of(Leases.batchReport(leaseId, "r-2",
                        "2026-11-01T01:00:00Z", "2026-11-01T02:00:00Z", 1)))},
                new String[] {path + "/price", Leases.price("1800000", "2026-11-02T00:00:00Z")},
                new String[] {path + "/close", Leases.close("EXPIRED", "2026-11-03T00:00:00Z")});
    }
}
