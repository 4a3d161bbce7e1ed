package io.gpuledger.lease;

import static io.gpuledger.support.ProblemAssertions.assertProblem;
import static io.gpuledger.support.ProblemAssertions.errorFields;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MARKETPLACE_B;
import static io.gpuledger.support.TestKeys.MKT_A;
import static io.gpuledger.support.TestKeys.MKT_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.LedgerTables;
import io.gpuledger.support.Leases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** POST /v1/leases, POST /v1/leases/{id}/price, POST /v1/leases/{id}/close and GET /v1/leases/{id}. */
class LeaseApiIT extends LedgerIT {

    @Autowired
    private JdbcTemplate jdbc;
    private LedgerTables tables;
    private String leaseId;

    @BeforeEach
    void newLeaseId() {
        tables = new LedgerTables(jdbc);
        leaseId = Leases.uniqueId("lease");
    }

    @Test
    void opensALeaseRecordsUsageAndShowsRunningTotals() {
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(opened.json().path("state").asText()).isEqualTo("ACTIVE");

        Response usage = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28800));
        assertThat(usage.status()).as(usage.toString()).isEqualTo(201);
        // 28800 GPU-seconds at 2.1 units per GPU-hour: 16,800,000 units, 5% fee.
        assertThat(usage.json().path("chargedUnits").asText()).isEqualTo("16800000");
        assertThat(usage.json().path("feeUnits").asText()).isEqualTo("840000");

        await().untilAsserted(() -> {
            Response lease = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId);
            assertThat(lease.status()).isEqualTo(200);
            assertThat(lease.json().path("gpuSecondsRecorded").asLong()).isEqualTo(28800);
            assertThat(lease.json().path("chargedUnits").asText()).isEqualTo("16800000");
            assertThat(lease.json().path("providerUnits").asText()).isEqualTo("15960000");
        });

        Response history = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId + "/events");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().path("events")).hasSize(2);
        assertThat(history.json().path("events").get(0).path("type").asText()).isEqualTo("LeaseOpenedEvent");
        assertThat(history.json().path("events").get(1).path("type").asText()).isEqualTo("UsageRecordedEvent");
        assertThat(history.json().path("events").get(1).path("occurredAt").asText()).isEqualTo("2026-11-01T01:00:00Z");
        assertThat(history.json().path("events").get(1).path("hash").asText()).matches("0x[0-9a-f]{64}");
        assertThat(history.json().path("events").get(1).path("payload").path("reports").get(0).path("gpuSeconds").asLong())
                .isEqualTo(28800);
        assertThat(api.get(io.gpuledger.support.TestKeys.MARKETPLACE_B, "/v1/leases/" + leaseId + "/events").status())
                .as("another marketplace never sees the history").isEqualTo(404);
    }

    @Test
    void opensALeaseAndAnswersWithTheLeaseAsTheContractShowsIt() {
        String body = Leases.open(leaseId).replace(Leases.PAYOUT_ADDRESS, Leases.PAYOUT_ADDRESS.toLowerCase());
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", body);

        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(opened.contentType()).startsWith("application/json");
        assertThat(opened.header("Idempotent-Replayed")).isEqualTo("false");
        JsonNode lease = opened.json();
        assertThat(lease.path("leaseId").asText()).isEqualTo(leaseId);
        assertThat(lease.path("marketplaceId").asText()).isEqualTo(MKT_A);
        assertThat(lease.path("providerId").asText()).isEqualTo("prov-7");
        assertThat(lease.path("providerPayoutAddress").asText()).isEqualTo(Leases.PAYOUT_ADDRESS);
        assertThat(lease.path("tenantId").asText()).isEqualTo("tenant-42");
        assertThat(lease.path("gpuModel").asText()).isEqualTo("H100-SXM-80GB");
        assertThat(lease.path("gpuCount").asInt()).isEqualTo(8);
        assertThat(lease.path("priceUnitsPerGpuHour").isTextual()).isTrue();
        assertThat(lease.path("priceUnitsPerGpuHour").asText()).isEqualTo("2100000");
        assertThat(lease.path("marketplaceFeeBps").asInt()).isEqualTo(500);
        assertThat(lease.path("startsAt").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(lease.path("endsAt").asText()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(lease.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(lease.path("gpuSecondsRecorded").asLong()).isZero();
        assertThat(lease.path("chargedUnits").asText()).isEqualTo("0");
        assertThat(lease.path("feeUnits").asText()).isEqualTo("0");
        assertThat(lease.path("providerUnits").asText()).isEqualTo("0");
        assertThat(tables.eventsOf(MKT_A, leaseId)).isEqualTo(1);

        await().untilAsserted(() -> {
            Response read = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.json()).isEqualTo(lease);
        });
    }

    @Test
    void opensALeaseWithoutAnEnd() {
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId, "prov-7", "tenant-42", 1,
                "1000", 0, "2026-11-01T00:00:00Z", null));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);

        await().untilAsserted(() -> {
            Response read = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().path("endsAt").isNull()).isTrue();
        });
    }

    @Test
    void rejectsASecondLeaseWithTheSameIdAndKeepsTheFirst() {
        open(leaseId);
        String other = Leases.open(leaseId, "prov-other", "tenant-other", 1, "3600000", 0,
                "2026-11-01T00:00:00Z", null);

        Response again = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases", other));

        assertProblem(again, 409, "LEASE_EXISTS");
        assertThat(tables.eventsOf(MKT_A, leaseId)).isEqualTo(1);
        // The first lease's terms still hold: 8 GPUs at 2.1 units per GPU-hour.
        Response usage = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28800));
        assertThat(usage.status()).as(usage.toString()).isEqualTo(201);
        assertThat(usage.json().path("chargedUnits").asText()).isEqualTo("16800000");
        await().untilAsserted(() -> {
            JsonNode lease = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).json();
            assertThat(lease.path("providerId").asText()).isEqualTo("prov-7");
            assertThat(lease.path("gpuSecondsRecorded").asLong()).isEqualTo(28800);
        });
    }

    @Test
    void letsAnotherMarketplaceOpenALeaseUnderTheSameId() {
        open(leaseId);
        Response other = api.post(MARKETPLACE_B, "/v1/leases", Leases.open(leaseId, "prov-b", "tenant-b", 2,
                "1000000", 100, "2026-11-01T00:00:00Z", null));

        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        assertThat(other.json().path("marketplaceId").asText()).isEqualTo(MKT_B);
        await().untilAsserted(() -> {
            assertThat(api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).json().path("providerId").asText())
                    .isEqualTo("prov-7");
            assertThat(api.get(MARKETPLACE_B, "/v1/leases/" + leaseId).json().path("providerId").asText())
                    .isEqualTo("prov-b");
        });
    }

    @Test
    void rejectsALeaseNamingEveryFieldAtFault() {
        String body = """
                {"leaseId": "has space", "providerId": "", "providerPayoutAddress": "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                 "tenantId": 42, "gpuCount": 0, "priceUnitsPerGpuHour": 2100000,
                 "marketplaceFeeBps": 10001, "startsAt": "2026-11-01 00:00", "endsAt": "2026-10-01T00:00:00Z",
                 "colour": "blue"}
                """;
        Response rejected = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases", body));

        assertProblem(rejected, 400, "VALIDATION_FAILED");
        assertThat(errorFields(rejected)).containsExactlyInAnyOrder("colour", "leaseId", "providerId",
                "providerPayoutAddress", "tenantId", "gpuModel", "gpuCount", "priceUnitsPerGpuHour",
                "marketplaceFeeBps", "startsAt");
    }

    @Test
    void rejectsALeaseThatEndsBeforeItStarts() {
        String body = Leases.open(leaseId, "prov-7", "tenant-42", 8, "2100000", 500, "2026-11-01T00:00:00Z",
                "2026-11-01T00:00:00Z");
        Response rejected = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases", body));

        assertProblem(rejected, 400, "VALIDATION_FAILED");
        assertThat(errorFields(rejected)).containsExactly("endsAt");
    }

    @Test
    void rejectsALeaseWithMissingFields() {
        Response rejected = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases", "{}"));

        assertProblem(rejected, 400, "VALIDATION_FAILED");
        assertThat(errorFields(rejected)).containsExactlyInAnyOrder("leaseId", "providerId",
                "providerPayoutAddress", "tenantId", "gpuModel", "gpuCount", "priceUnitsPerGpuHour",
                "marketplaceFeeBps", "startsAt");
    }

    @Test
    void rejectsABodyThatIsNotAJsonObject() {
        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases", "{\"leaseId\": ")), 400,
                "MALFORMED_JSON");
        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases", "")), 400, "MALFORMED_JSON");
        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases", "{} {}")), 400,
                "MALFORMED_JSON");
        Response array = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases", "[]"));
        assertProblem(array, 400, "VALIDATION_FAILED");
        assertThat(errorFields(array)).startsWith("body");
    }

    // --- price

    @Test
    void changesThePriceFromAMomentOnWhileLateUsageKeepsTheOldPrice() {
        open(leaseId);
        usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28800);

        Response changed = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/price",
                Leases.price("1800000", "2026-11-01T10:00:00Z"));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("priceUnitsPerGpuHour").asText()).isEqualTo("1800000");
        assertThat(changed.json().path("effectiveFrom").asText()).isEqualTo("2026-11-01T10:00:00Z");
        // After the change: 28,800 GPU-seconds at 1,800,000 units per GPU-hour = 14,400,000 units.
        assertThat(usage("r-3", "2026-11-01T10:00:00Z", "2026-11-01T11:00:00Z", 28800).path("chargedUnits")
                .asText()).isEqualTo("14400000");
        // Late, before the change: the old price.
        assertThat(usage("r-2", "2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z", 28800).path("chargedUnits")
                .asText()).isEqualTo("16800000");
        await().untilAsserted(() -> {
            JsonNode lease = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).json();
            assertThat(lease.path("priceUnitsPerGpuHour").asText()).isEqualTo("1800000");
            assertThat(lease.path("chargedUnits").asText()).isEqualTo("48000000");
            assertThat(lease.path("feeUnits").asText()).isEqualTo("2400000");
            assertThat(lease.path("providerUnits").asText()).isEqualTo("45600000");
        });
    }

    @Test
    void rejectsAPriceChangeBeforeTheEndOfRecordedUsage() {
        open(leaseId);
        usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T02:00:00Z", 28800);

        Response rejected = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/price",
                Leases.price("1800000", "2026-11-01T01:59:59Z")));

        assertProblem(rejected, 409, "PRICE_CHANGE_BEFORE_RECORDED_USAGE");
        assertThat(errorFields(rejected)).containsExactly("effectiveFrom");
    }

    @Test
    void rejectsAPriceChangeOutOfOrder() {
        open(leaseId);
        assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/price",
                Leases.price("1800000", "2026-11-05T00:00:00Z")).status()).isEqualTo(200);

        Response rejected = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/price",
                Leases.price("1900000", "2026-11-04T00:00:00Z")));

        assertProblem(rejected, 409, "PRICE_CHANGE_OUT_OF_ORDER");
        assertThat(errorFields(rejected)).containsExactly("effectiveFrom");
    }

    @Test
    void rejectsAPriceChangeBeforeTheLeaseStarts() {
        open(leaseId);
        Response rejected = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/price",
                Leases.price("1800000", "2026-10-31T23:59:59Z")));

        assertProblem(rejected, 422, "LEASE_NOT_STARTED");
        assertThat(errorFields(rejected)).containsExactly("effectiveFrom");
    }

    @Test
    void rejectsAPriceChangeOfAClosedLease() {
        open(leaseId);
        close("2026-11-02T00:00:00Z");

        Response rejected = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/price",
                Leases.price("1800000", "2026-11-01T12:00:00Z")));

        assertProblem(rejected, 409, "LEASE_CLOSED");
    }

    @Test
    void rejectsAnInvalidPriceChange() {
        open(leaseId);
        Response rejected = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/price",
                "{\"priceUnitsPerGpuHour\": \"1.5\", \"effectiveFrom\": \"tomorrow\"}"));

        assertProblem(rejected, 400, "VALIDATION_FAILED");
        assertThat(errorFields(rejected)).containsExactlyInAnyOrder("priceUnitsPerGpuHour", "effectiveFrom");
    }

    // --- close

    @Test
    void closesALease() {
        open(leaseId);
        usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28800);

        Response closed = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/close",
                Leases.close("TENANT_ENDED", "2026-11-01T01:00:00Z"));

        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().path("state").asText()).isEqualTo("CLOSED");
        assertThat(closed.json().path("reason").asText()).isEqualTo("TENANT_ENDED");
        assertThat(closed.json().path("closedAt").asText()).isEqualTo("2026-11-01T01:00:00Z");
        await().untilAsserted(() -> {
            JsonNode lease = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).json();
            assertThat(lease.path("state").asText()).isEqualTo("CLOSED");
            assertThat(lease.path("closedAt").asText()).isEqualTo("2026-11-01T01:00:00Z");
            assertThat(lease.path("closeReason").asText()).isEqualTo("TENANT_ENDED");
            assertThat(lease.path("chargedUnits").asText()).isEqualTo("16800000");
        });
    }

    @Test
    void rejectsClosingBeforeTheEndOfRecordedUsage() {
        open(leaseId);
        usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T02:00:00Z", 28800);

        Response rejected = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/close",
                Leases.close("PROVIDER_ENDED", "2026-11-01T01:00:00Z")));

        assertProblem(rejected, 409, "CLOSE_BEFORE_RECORDED_USAGE");
        assertThat(errorFields(rejected)).containsExactly("closedAt");
    }

    @Test
    void rejectsClosingALeaseTwice() {
        open(leaseId);
        close("2026-11-02T00:00:00Z");

        Response rejected = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/close",
                Leases.close("EXPIRED", "2026-11-03T00:00:00Z")));

        assertProblem(rejected, 409, "LEASE_CLOSED");
    }

    @Test
    void rejectsClosingBeforeTheLeaseStarts() {
        open(leaseId);
        Response rejected = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/close",
                Leases.close("INSUFFICIENT_FUNDS", "2026-10-01T00:00:00Z")));

        assertProblem(rejected, 422, "LEASE_NOT_STARTED");
        assertThat(errorFields(rejected)).containsExactly("closedAt");
    }

    @Test
    void rejectsAnUnknownCloseReason() {
        open(leaseId);
        Response rejected = tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/close",
                Leases.close("BORED", "2026-11-03T00:00:00Z")));

        assertProblem(rejected, 400, "VALIDATION_FAILED");
        assertThat(errorFields(rejected)).containsExactly("reason");
    }

    // --- unknown leases

    @Test
    void answersLeaseNotFoundForAnUnknownLeaseOnEveryRoute() {
        String path = "/v1/leases/" + leaseId;
        assertProblem(api.get(MARKETPLACE_A, path), 404, "LEASE_NOT_FOUND");
        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, path + "/price",
                Leases.price("1", "2026-11-02T00:00:00Z"))), 404, "LEASE_NOT_FOUND");
        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, path + "/close",
                Leases.close("EXPIRED", "2026-11-02T00:00:00Z"))), 404, "LEASE_NOT_FOUND");
        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, path + "/usage",
                Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 1))), 404, "LEASE_NOT_FOUND");
    }

    private void open(String id) {
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", Leases.open(id));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    }

    private void close(String closedAt) {
        Response closed = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/close",
                Leases.close("TENANT_ENDED", closedAt));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    }

    private JsonNode usage(String reportId, String start, String end, long gpuSeconds) {
        Response usage = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage(reportId, start, end, gpuSeconds));
        assertThat(usage.status()).as(usage.toString()).isEqualTo(201);
        return usage.json();
    }
}
