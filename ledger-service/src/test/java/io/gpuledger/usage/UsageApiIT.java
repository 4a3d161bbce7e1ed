package io.gpuledger.usage;

import static io.gpuledger.support.ProblemAssertions.assertProblem;
import static io.gpuledger.support.ProblemAssertions.errorFields;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MKT_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.LedgerTables;
import io.gpuledger.support.Leases;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * POST /v1/leases/{id}/usage. The lease: 8 GPUs from 2026-11-01 to 2026-12-01 at 2,100,000 units per
 * GPU-hour with a 5% fee; a full hour of all 8 GPUs (28,800 GPU-seconds) charges 16,800,000 units.
 */
class UsageApiIT extends LedgerIT {

    private static final String H0 = "2026-11-01T00:00:00Z";
    private static final String H1 = "2026-11-01T01:00:00Z";
    private static final String H2 = "2026-11-01T02:00:00Z";
    private static final String H3 = "2026-11-01T03:00:00Z";

    @Autowired
    private JdbcTemplate jdbc;
    private LedgerTables tables;
    private String leaseId;
    private String path;

    @BeforeEach
    void openLease() {
        tables = new LedgerTables(jdbc);
        leaseId = Leases.uniqueId("lease");
        path = "/v1/leases/" + leaseId + "/usage";
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    }

    @Test
    void recordsUsageAndAnswersWithItsCharges() {
        Response recorded = api.post(MARKETPLACE_A, path, Leases.usage("r-1", H0, H1, 28800));

        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        assertThat(recorded.contentType()).startsWith("application/json");
        JsonNode result = recorded.json();
        assertThat(result.path("leaseId").asText()).isEqualTo(leaseId);
        assertThat(result.path("reportId").asText()).isEqualTo("r-1");
        assertThat(result.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(result.path("chargedUnits").asText()).isEqualTo("16800000");
        assertThat(result.path("feeUnits").asText()).isEqualTo("840000");
        assertThat(result.path("providerUnits").asText()).isEqualTo("15960000");
        assertThat(tables.eventsOf(MKT_A, leaseId)).isEqualTo(2);
    }

    @Test
    void chargesEachReportItsSliceOfTheLeasesFlooredCumulativeCharges() {
        String flooring = Leases.uniqueId("lease");
        api.post(MARKETPLACE_A, "/v1/leases", Leases.open(flooring, "prov-7", "tenant-42", 1, "1000001", 333,
                H0, null));
        String at = "/v1/leases/" + flooring + "/usage";

        JsonNode first = api.post(MARKETPLACE_A, at, Leases.usage("r-1", H0, "2026-11-01T00:00:01Z", 1)).json();
        JsonNode second = api.post(MARKETPLACE_A, at, Leases.usage("r-2", H1, "2026-11-01T01:00:01Z", 1)).json();

        // 1,000,001 / 3600 = 277.8 units, then 555.6 in all: 277 and 278 units charged.
        assertThat(units(first)).containsExactly("277", "9", "268");
        assertThat(units(second)).containsExactly("278", "9", "269");
        await().untilAsserted(() -> assertThat(units(api.get(MARKETPLACE_A, "/v1/leases/" + flooring).json()))
                .containsExactly("555", "18", "537"));
    }

    @Test
    void answersARepeatedReportWithItsFirstChargesAndRecordsItOnce() {
        api.post(MARKETPLACE_A, path, Leases.usage("r-1", H0, H1, 28800));
        api.post(MARKETPLACE_A, path, Leases.usage("r-2", H1, H2, 28800));

        Response again = tables.noEventsAppendedBy(() -> api.post(MARKETPLACE_A, path, Leases.usage("r-1", H0, H1, 28800)));

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(units(again.json())).containsExactly("16800000", "840000", "15960000");
        await().untilAsserted(() -> {
            JsonNode lease = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).json();
            assertThat(lease.path("gpuSecondsRecorded").asLong()).isEqualTo(57600);
            assertThat(lease.path("chargedUnits").asText()).isEqualTo("33600000");
        });
    }

    @Test
    void rejectsADifferentReportUnderARecordedReportId() {
        api.post(MARKETPLACE_A, path, Leases.usage("r-1", H0, H1, 28800));

        Response conflict = tables.unchangedBy(() -> api.post(MARKETPLACE_A, path,
                Leases.usage("r-1", H0, H1, 28799)));

        assertProblem(conflict, 409, "USAGE_REPORT_CONFLICT");
        assertThat(errorFields(conflict)).containsExactly("reportId");
    }

    @Test
    void rejectsUsageBeforeTheLeaseStarts() {
        Response outside = tables.unchangedBy(() -> api.post(MARKETPLACE_A, path,
                Leases.usage("r-1", "2026-10-31T23:00:00Z", H1, 10)));

        assertProblem(outside, 422, "USAGE_OUTSIDE_LEASE");
        assertThat(errorFields(outside)).containsExactly("periodStart");
    }

    @Test
    void rejectsUsageAfterTheLeaseEnds() {
        Response outside = tables.unchangedBy(() -> api.post(MARKETPLACE_A, path,
                Leases.usage("r-1", "2026-11-30T23:00:00Z", "2026-12-01T00:00:01Z", 10)));

        assertProblem(outside, 422, "USAGE_OUTSIDE_LEASE");
        assertThat(errorFields(outside)).containsExactly("periodEnd");
        assertThat(api.post(MARKETPLACE_A, path, Leases.usage("r-1", "2026-11-30T23:00:00Z",
                "2026-12-01T00:00:00Z", 10)).status()).isEqualTo(201);
    }

    @Test
    void rejectsUsageThatStraddlesTheCloseAndAcceptsLateUsageBeforeIt() {
        close("2026-11-01T10:00:00Z");

        Response straddling = tables.unchangedBy(() -> api.post(MARKETPLACE_A, path,
                Leases.usage("r-1", "2026-11-01T09:00:00Z", "2026-11-01T11:00:00Z", 10)));

        assertProblem(straddling, 422, "USAGE_OUTSIDE_LEASE");
        assertThat(api.post(MARKETPLACE_A, path, Leases.usage("r-2", "2026-11-01T09:00:00Z",
                "2026-11-01T10:00:00Z", 28800)).status()).isEqualTo(201);
    }

    @Test
    void rejectsUsageStartingAtOrAfterTheClose() {
        close("2026-11-01T10:00:00Z");

        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, path,
                Leases.usage("r-1", "2026-11-01T10:00:00Z", "2026-11-01T11:00:00Z", 10))), 409, "LEASE_CLOSED");
        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, path,
                Leases.usage("r-2", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", 10))), 409, "LEASE_CLOSED");
    }

    @Test
    void rejectsUsageAboveCapacityAndAcceptsItExactlyAtCapacity() {
        Response above = tables.unchangedBy(() -> api.post(MARKETPLACE_A, path, Leases.usage("r-1", H0, H1, 28801)));

        assertProblem(above, 422, "USAGE_EXCEEDS_CAPACITY");
        assertThat(errorFields(above)).containsExactly("gpuSeconds");
        assertThat(api.post(MARKETPLACE_A, path, Leases.usage("r-1", H0, H1, 28800)).status()).isEqualTo(201);
    }

    @Test
    void rejectsOverlappingUsageAndAcceptsAdjacentUsage() {
        api.post(MARKETPLACE_A, path, Leases.usage("r-1", H1, H2, 28800));

        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, path,
                Leases.usage("r-2", "2026-11-01T00:30:00Z", "2026-11-01T01:00:01Z", 10))), 409, "USAGE_PERIOD_OVERLAP");
        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, path,
                Leases.usage("r-2", "2026-11-01T01:59:59Z", H3, 10))), 409, "USAGE_PERIOD_OVERLAP");
        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, path,
                Leases.usage("r-2", H0, H3, 10))), 409, "USAGE_PERIOD_OVERLAP");
        assertThat(api.post(MARKETPLACE_A, path, Leases.usage("r-2", H0, H1, 28800)).status()).isEqualTo(201);
        assertThat(api.post(MARKETPLACE_A, path, Leases.usage("r-3", H2, H3, 28800)).status()).isEqualTo(201);
    }

    @Test
    void acceptsLateReportsOutOfOrderAtThePriceInForceWhenTheirPeriodStarted() {
        assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/price",
                Leases.price("1800000", "2026-11-01T10:00:00Z")).status()).isEqualTo(200);
        JsonNode later = api.post(MARKETPLACE_A, path,
                Leases.usage("r-3", "2026-11-01T10:00:00Z", "2026-11-01T11:00:00Z", 28800)).json();
        JsonNode earlier = api.post(MARKETPLACE_A, path, Leases.usage("r-1", H0, H1, 28800)).json();
        JsonNode straddling = api.post(MARKETPLACE_A, path,
                Leases.usage("r-2", "2026-11-01T09:30:00Z", "2026-11-01T10:00:00Z", 14400)).json();

        assertThat(later.path("chargedUnits").asText()).isEqualTo("14400000");
        assertThat(earlier.path("chargedUnits").asText()).isEqualTo("16800000");
        assertThat(straddling.path("chargedUnits").asText()).isEqualTo("8400000");
        await().untilAsserted(() -> assertThat(units(api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).json()))
                .containsExactly("39600000", "1980000", "37620000"));
    }

    @Test
    void rejectsAReportNamingEveryFieldAtFault() {
        Response invalid = tables.unchangedBy(() -> api.post(MARKETPLACE_A, path, """
                {"reportId": "r 1", "periodStart": "2026-11-01T02:00:00Z", "periodEnd": "2026-11-01T01:00:00Z",
                 "gpuSeconds": -1, "meter": "m-9"}
                """));

        assertProblem(invalid, 400, "VALIDATION_FAILED");
        assertThat(errorFields(invalid)).containsExactlyInAnyOrder("meter", "reportId", "gpuSeconds", "periodEnd");
    }

    @Test
    void rejectsAReportWithAnEmptyPeriodOrFractionalSeconds() {
        Response empty = tables.unchangedBy(() -> api.post(MARKETPLACE_A, path, Leases.usage("r-1", H1, H1, 0)));
        assertProblem(empty, 400, "VALIDATION_FAILED");
        assertThat(errorFields(empty)).containsExactly("periodEnd");

        Response fraction = tables.unchangedBy(() -> api.post(MARKETPLACE_A, path,
                Leases.usage("r-1", H0, H1, 0).replace("\"gpuSeconds\": 0", "\"gpuSeconds\": 1.5")));
        assertProblem(fraction, 400, "VALIDATION_FAILED");
        assertThat(errorFields(fraction)).containsExactly("gpuSeconds");
    }

    @Test
    void rejectsABodyThatIsNotJson() {
        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, path, "{\"reportId\": \"r-1\",")), 400,
                "MALFORMED_JSON");
    }

    @Test
    void rejectsUsageForAnUnknownLease() {
        assertProblem(tables.unchangedBy(() -> api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "-nope/usage",
                Leases.usage("r-1", H0, H1, 1))), 404, "LEASE_NOT_FOUND");
    }

    private void close(String closedAt) {
        Response closed = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/close",
                Leases.close("TENANT_ENDED", closedAt));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    }

    /** A result's or a lease's charged, fee and provider units, in that order. */
    private static List<String> units(JsonNode node) {
        return List.of(node.path("chargedUnits").asText(), node.path("feeUnits").asText(),
                node.path("providerUnits").asText());
    }
}
