package io.gpuledger.billing;

import static io.gpuledger.support.ProblemAssertions.assertProblem;
import static io.gpuledger.support.ProblemAssertions.errorFields;
import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MARKETPLACE_B;
import static io.gpuledger.support.TestKeys.MKT_A;
import static io.gpuledger.support.TestKeys.MKT_B;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.LedgerTables;
import io.gpuledger.support.Leases;
import io.gpuledger.support.Projections;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * GET /v1/statements/providers/{id}, /tenants/{id} and /marketplace, in JSON and CSV, over all time and
 * over windows of usage periodStart. The scenario, with amounts worked out by hand from the money rule:
 * <pre>
 * lease  marketplace provider tenant  GPUs price/GPU-h fee   usage (GPU-seconds at periodStart)
 * L1     A           P        T1      8    2,100,000   5%    28,800 @ Nov 1, 14,400 @ Nov 2
 * L2     A           P        T2      1    1,000,001   3.33% 1 @ Nov 1, 1 @ Nov 2, 1 @ Nov 3
 * L3     B           P        T1      2    3,600,000   10%   7,200 @ Nov 1, 3,600 @ Nov 3
 * L4     A           P2       T1      1    3,600,000   0%    3,600 @ Nov 2 12:00
 * </pre>
 */
class StatementApiIT extends LedgerIT {

    private static final String NOV_1 = "2026-11-01T00:00:00Z";
    private static final String NOV_2 = "2026-11-02T00:00:00Z";
    private static final String NOV_3 = "2026-11-03T00:00:00Z";

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration processing;

    private String provider;
    private String otherProvider;
    private String tenant1;
    private String tenant2;
    private String l1;
    private String l2;
    private String l3;
    private String l4;

    @BeforeEach
    void scenario() {
        String u = UUID.randomUUID().toString().substring(0, 8);
        provider = "prov-" + u;
        otherProvider = "prov2-" + u;
        tenant1 = "ten1-" + u;
        tenant2 = "ten2-" + u;
        l1 = "st-" + u + "-1";
        l2 = "st-" + u + "-2";
        l3 = "st-" + u + "-3";
        l4 = "st-" + u + "-4";
        open(MARKETPLACE_A, l1, provider, tenant1, 8, "2100000", 500);
        open(MARKETPLACE_A, l2, provider, tenant2, 1, "1000001", 333);
        open(MARKETPLACE_B, l3, provider, tenant1, 2, "3600000", 1000);
        open(MARKETPLACE_A, l4, otherProvider, tenant1, 1, "3600000", 0);
        usage(MARKETPLACE_A, l1, NOV_1, "2026-11-01T01:00:00Z", 28800);
        usage(MARKETPLACE_A, l1, NOV_2, "2026-11-02T01:00:00Z", 14400);
        usage(MARKETPLACE_A, l2, NOV_3, "2026-11-03T00:00:01Z", 1);
        usage(MARKETPLACE_A, l2, NOV_1, "2026-11-01T00:00:01Z", 1);
        usage(MARKETPLACE_A, l2, NOV_2, "2026-11-02T00:00:01Z", 1);
        usage(MARKETPLACE_B, l3, NOV_3, "2026-11-03T01:00:00Z", 3600);
        usage(MARKETPLACE_B, l3, NOV_1, "2026-11-01T01:00:00Z", 7200);
        usage(MARKETPLACE_A, l4, "2026-11-02T12:00:00Z", "2026-11-02T13:00:00Z", 3600);
        new Projections(processing, new LedgerTables(jdbc)).awaitCaughtUp();
    }

    @Test
    void showsAMarketplaceOnlyItsOwnLeasesOfAProvider() {
        JsonNode statement = get(MARKETPLACE_A, "/v1/statements/providers/" + provider);

        assertThat(statement.path("statement").asText()).isEqualTo("PROVIDER");
        assertThat(statement.path("subjectId").asText()).isEqualTo(provider);
        assertThat(statement.path("tokenDecimals").asInt()).isEqualTo(6);
        assertThat(statement.path("from").isNull()).isTrue();
        assertThat(statement.path("to").isNull()).isTrue();
        assertThat(lines(statement)).containsExactly(
                MKT_A + " " + l1 + " 43200 25200000/1260000/23940000",
                MKT_A + " " + l2 + " 3 833/27/806");
        assertThat(totals(statement)).isEqualTo("43203 25200833/1260027/23940806");

        assertThat(lines(get(MARKETPLACE_B, "/v1/statements/providers/" + provider))).containsExactly(
                MKT_B + " " + l3 + " 10800 10800000/1080000/9720000");
    }

    @Test
    void showsAuditorsAndOperatorsAProvidersLeasesInEveryMarketplace() {
        for (String key : List.of(AUDITOR, OPERATOR)) {
            JsonNode statement = get(key, "/v1/statements/providers/" + provider);
            assertThat(lines(statement)).containsExactly(
                    MKT_A + " " + l1 + " 43200 25200000/1260000/23940000",
                    MKT_A + " " + l2 + " 3 833/27/806",
                    MKT_B + " " + l3 + " 10800 10800000/1080000/9720000");
            assertThat(totals(statement)).isEqualTo("54003 36000833/2340027/33660806");
        }
    }

    @Test
    void showsATenantItsLeasesWithTheirLineItems() {
        JsonNode statement = get(AUDITOR, "/v1/statements/tenants/" + tenant1);

        assertThat(statement.path("statement").asText()).isEqualTo("TENANT");
        assertThat(lines(statement)).containsExactly(
                MKT_A + " " + l1 + " 43200 25200000/1260000/23940000",
                MKT_A + " " + l4 + " 3600 3600000/0/3600000",
                MKT_B + " " + l3 + " 10800 10800000/1080000/9720000");
        assertThat(totals(statement)).isEqualTo("57600 39600000/2340000/37260000");
        assertThat(lines(get(MARKETPLACE_A, "/v1/statements/tenants/" + tenant2))).containsExactly(
                MKT_A + " " + l2 + " 3 833/27/806");
        assertThat(lines(get(MARKETPLACE_B, "/v1/statements/tenants/" + tenant2))).isEmpty();
        JsonNode line = statement.path("leases").get(0);
        assertThat(line.path("providerId").asText()).isEqualTo(provider);
        assertThat(line.path("tenantId").asText()).isEqualTo(tenant1);
        assertThat(line.path("gpuModel").asText()).isEqualTo("H100-SXM-80GB");
    }

    @Test
    void showsAMarketplaceItsOwnFeeIncomeWhateverMarketplaceItNames() {
        JsonNode own = get(MARKETPLACE_A, "/v1/statements/marketplace");
        JsonNode named = get(MARKETPLACE_B, "/v1/statements/marketplace?marketplaceId=" + MKT_A);

        assertThat(own.path("statement").asText()).isEqualTo("MARKETPLACE");
        assertThat(own.path("subjectId").asText()).isEqualTo(MKT_A);
        assertThat(lines(own)).contains(
                MKT_A + " " + l1 + " 43200 25200000/1260000/23940000",
                MKT_A + " " + l2 + " 3 833/27/806",
                MKT_A + " " + l4 + " 3600 3600000/0/3600000");
        assertThat(lines(own)).allMatch(line -> line.startsWith(MKT_A + " "));
        assertTotalsAreTheSumOfTheLines(own);
        assertThat(named.path("subjectId").asText()).isEqualTo(MKT_B);
        assertThat(lines(named)).contains(MKT_B + " " + l3 + " 10800 10800000/1080000/9720000");
        assertThat(lines(named)).allMatch(line -> line.startsWith(MKT_B + " "));
    }

    @Test
    void showsAuditorsTheMarketplaceTheyName() {
        JsonNode statement = get(AUDITOR, "/v1/statements/marketplace?marketplaceId=" + MKT_B);

        assertThat(statement.path("subjectId").asText()).isEqualTo(MKT_B);
        assertThat(lines(statement)).contains(MKT_B + " " + l3 + " 10800 10800000/1080000/9720000");
        assertThat(lines(statement)).allMatch(line -> line.startsWith(MKT_B + " "));
        assertTotalsAreTheSumOfTheLines(statement);

        Response unnamed = api.get(AUDITOR, "/v1/statements/marketplace");
        assertProblem(unnamed, 400, "VALIDATION_FAILED");
        assertThat(errorFields(unnamed)).containsExactly("marketplaceId");
    }

    @Test
    void countsUsageInAWindowByItsPeriodStart() {
        String path = "/v1/statements/providers/" + provider;

        JsonNode nov2 = get(AUDITOR, path + "?from=" + NOV_2 + "&to=" + NOV_3);
        assertThat(nov2.path("from").asText()).isEqualTo(NOV_2);
        assertThat(nov2.path("to").asText()).isEqualTo(NOV_3);
        assertThat(lines(nov2)).containsExactly(
                MKT_A + " " + l1 + " 14400 8400000/420000/7980000",
                MKT_A + " " + l2 + " 1 278/9/269",
                MKT_B + " " + l3 + " 0 0/0/0");
        assertThat(lines(get(AUDITOR, path + "?from=" + NOV_2))).containsExactly(
                MKT_A + " " + l1 + " 14400 8400000/420000/7980000",
                MKT_A + " " + l2 + " 2 556/18/538",
                MKT_B + " " + l3 + " 3600 3600000/360000/3240000");
        assertThat(lines(get(AUDITOR, path + "?to=" + NOV_2))).containsExactly(
                MKT_A + " " + l1 + " 28800 16800000/840000/15960000",
                MKT_A + " " + l2 + " 1 277/9/268",
                MKT_B + " " + l3 + " 7200 7200000/720000/6480000");
        assertThat(lines(get(AUDITOR, "/v1/statements/tenants/" + tenant1 + "?from=" + NOV_2 + "&to=" + NOV_3)))
                .containsExactly(
                        MKT_A + " " + l1 + " 14400 8400000/420000/7980000",
                        MKT_A + " " + l4 + " 3600 3600000/0/3600000",
                        MKT_B + " " + l3 + " 0 0/0/0");
    }

    @Test
    void addsUpConsecutiveWindowsToTheWholeToTheUnit() {
        String path = "/v1/statements/providers/" + provider;
        List<JsonNode> windows = List.of(get(AUDITOR, path + "?to=" + NOV_2),
                get(AUDITOR, path + "?from=" + NOV_2 + "&to=" + NOV_3), get(AUDITOR, path + "?from=" + NOV_3));
        JsonNode whole = get(AUDITOR, path);

        for (int line = 0; line < 3; line++) {
            BigInteger[] sum = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
            for (JsonNode window : windows) {
                add(sum, window.path("leases").get(line));
            }
            BigInteger[] all = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
            add(all, whole.path("leases").get(line));
            assertThat(sum).containsExactly(all);
        }
    }

    @Test
    void matchesEachLeasesRunningTotals() {
        JsonNode statement = get(AUDITOR, "/v1/statements/providers/" + provider);
        for (JsonNode line : statement.path("leases")) {
            JsonNode lease = get(AUDITOR, "/v1/leases/" + line.path("leaseId").asText() + "?marketplaceId="
                    + line.path("marketplaceId").asText());
            for (String field : List.of("gpuSecondsRecorded", "chargedUnits", "feeUnits", "providerUnits")) {
                assertThat(line.path(field).asText()).as(field).isEqualTo(lease.path(field).asText());
            }
        }
    }

    @Test
    void exportsTheSameStatementAsCsv() {
        String path = "/v1/statements/providers/" + provider;
        Response csv = api.get(MARKETPLACE_A, path, "text/csv");

        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().split("\r\n")).containsExactly(
                "marketplaceId,leaseId,providerId,tenantId,gpuModel,gpuSecondsRecorded,chargedUnits,feeUnits,providerUnits",
                String.join(",", MKT_A, l1, provider, tenant1, "H100-SXM-80GB", "43200", "25200000", "1260000", "23940000"),
                String.join(",", MKT_A, l2, provider, tenant2, "H100-SXM-80GB", "3", "833", "27", "806"),
                "TOTAL,,,,,43203,25200833,1260027,23940806");
    }

    @Test
    void exportsAWindowAndEveryKindOfStatementAsCsv() {
        Response providerCsv = api.get(AUDITOR, "/v1/statements/providers/" + provider + "?from=" + NOV_2
                + "&to=" + NOV_3, "text/csv");
        assertThat(rows(providerCsv)).containsExactly(
                MKT_A + "," + l1 + ",14400,8400000,420000,7980000",
                MKT_A + "," + l2 + ",1,278,9,269",
                MKT_B + "," + l3 + ",0,0,0,0",
                "TOTAL,,14401,8400278,420009,7980269");

        Response tenant = api.get(MARKETPLACE_B, "/v1/statements/tenants/" + tenant1, "text/csv");
        assertThat(rows(tenant)).containsExactly(MKT_B + "," + l3 + ",10800,10800000,1080000,9720000",
                "TOTAL,,10800,10800000,1080000,9720000");

        Response marketplace = api.get(MARKETPLACE_B, "/v1/statements/marketplace?to=" + NOV_2, "text/csv");
        assertThat(marketplace.status()).isEqualTo(200);
        assertThat(rows(marketplace)).contains(MKT_B + "," + l3 + ",7200,7200000,720000,6480000");
        JsonNode json = get(MARKETPLACE_B, "/v1/statements/marketplace?to=" + NOV_2);
        JsonNode totals = json.path("totals");
        assertThat(rows(marketplace)).last().isEqualTo("TOTAL,," + totals.path("gpuSecondsRecorded").asText() + ","
                + totals.path("chargedUnits").asText() + "," + totals.path("feeUnits").asText() + ","
                + totals.path("providerUnits").asText());
    }

    @Test
    void rejectsAWindowThatIsNotATimestamp() {
        Response json = api.get(AUDITOR, "/v1/statements/providers/" + provider + "?from=yesterday");
        assertProblem(json, 400, "VALIDATION_FAILED");
        assertThat(errorFields(json)).containsExactly("from");

        Response csv = api.get(AUDITOR, "/v1/statements/tenants/" + tenant1 + "?to=2026-13-01T00:00:00Z", "text/csv");
        assertProblem(csv, 400, "VALIDATION_FAILED");
        assertThat(errorFields(csv)).containsExactly("to");
    }

    @Test
    void rejectsAWindowThatEndsBeforeItStarts() {
        Response reversed = api.get(AUDITOR, "/v1/statements/providers/" + provider + "?from=" + NOV_3 + "&to="
                + NOV_2);

        assertProblem(reversed, 400, "VALIDATION_FAILED");
        assertThat(errorFields(reversed)).containsExactly("to");
    }

    @Test
    void answersAnEmptyStatementForAnUnknownSubject() {
        JsonNode statement = get(MARKETPLACE_A, "/v1/statements/providers/" + provider + "-nobody");
        assertThat(statement.path("leases")).isEmpty();
        assertThat(totals(statement)).isEqualTo("0 0/0/0");
    }

    private void open(String key, String leaseId, String providerId, String tenantId, int gpus, String price,
                      int feeBps) {
        Response opened = api.post(key, "/v1/leases",
                Leases.open(leaseId, providerId, tenantId, gpus, price, feeBps, NOV_1, "2026-12-01T00:00:00Z"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    }

    private void usage(String key, String leaseId, String start, String end, long gpuSeconds) {
        Response recorded = api.post(key, "/v1/leases/" + leaseId + "/usage",
                Leases.usage(UUID.randomUUID().toString(), start, end, gpuSeconds));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    }

    private JsonNode get(String key, String path) {
        Response response = api.get(key, path);
        assertThat(response.status()).as(path + " " + response).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response.json();
    }

    /** Each line as "marketplaceId leaseId gpuSeconds charged/fee/provider". */
    private static List<String> lines(JsonNode statement) {
        List<String> lines = new ArrayList<>();
        for (JsonNode l : statement.path("leases")) {
            lines.add(l.path("marketplaceId").asText() + " " + l.path("leaseId").asText() + " "
                    + l.path("gpuSecondsRecorded").asText() + " " + amounts(l));
        }
        return lines;
    }

    private static String totals(JsonNode statement) {
        JsonNode t = statement.path("totals");
        return t.path("gpuSecondsRecorded").asText() + " " + amounts(t);
    }

    private static String amounts(JsonNode node) {
        return node.path("chargedUnits").asText() + "/" + node.path("feeUnits").asText() + "/"
                + node.path("providerUnits").asText();
    }

    private static void assertTotalsAreTheSumOfTheLines(JsonNode statement) {
        BigInteger[] sum = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
        statement.path("leases").forEach(line -> add(sum, line));
        BigInteger[] totals = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
        add(totals, statement.path("totals"));
        assertThat(sum).containsExactly(totals);
    }

    private static void add(BigInteger[] sum, JsonNode line) {
        String[] fields = {"gpuSecondsRecorded", "chargedUnits", "feeUnits", "providerUnits"};
        for (int i = 0; i < fields.length; i++) {
            sum[i] = sum[i].add(new BigInteger(line.path(fields[i]).asText()));
        }
    }

    /** CSV data rows without the header, keeping marketplace, lease and the numbers. */
    private static List<String> rows(Response csv) {
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> rows = new ArrayList<>();
        for (String row : Arrays.asList(csv.body().split("\r\n")).subList(1, csv.body().split("\r\n").length)) {
            String[] cells = row.split(",", -1);
            rows.add(String.join(",", cells[0], cells[1], cells[5], cells[6], cells[7], cells[8]));
        }
        return rows;
    }
}
