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
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.LedgerTables;
import io.gpuledger.support.Leases;
import io.gpuledger.support.Projections;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    /** The CSV cells of voids and adjustments where there are none. */
    /** A GPU-hour lease's empty energy and capacity fee cells, no voids, no adjustments, no SLA credits. */
    private static final String NO_CORRECTIONS = ",,,,,,0,0,0,0,0,0,0,0,0,0";
    /** The CSV's correction columns, at the end of every row; empty but on a correction's own row. */
    private static final String CORRECTION_COLUMNS = "correction,correctionReportId,correctionAdjustmentId,"
            + "correctionKind,correctionReason,correctionRecordedAt,correctionPeriodStart,correctionPeriodEnd,"
            + "correctionGpuSeconds,correctionAmountUnits,correctionChargedUnits,correctionFeeUnits,"
            + "correctionProviderUnits";
    private static final String NO_ITEM = ",".repeat(13);

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
                "marketplaceId,leaseId,providerId,tenantId,gpuModel,gpuSecondsRecorded,chargedUnits,feeUnits,providerUnits,"
                        + "energyChargedUnits,energyFeeUnits,energyProviderUnits,capacityFeeChargedUnits,"
                        + "capacityFeeFeeUnits,capacityFeeProviderUnits,"
                        + "voidsGpuSeconds,voidsChargedUnits,voidsFeeUnits,voidsProviderUnits,adjustmentsChargedUnits,"
                        + "adjustmentsFeeUnits,adjustmentsProviderUnits,slaCreditsChargedUnits,slaCreditsFeeUnits,"
                        + "slaCreditsProviderUnits,netGpuSeconds,netChargedUnits,netFeeUnits,"
                        + "netProviderUnits," + CORRECTION_COLUMNS,
                String.join(",", MKT_A, l1, provider, tenant1, "H100-SXM-80GB", "43200", "25200000", "1260000", "23940000",
                        NO_CORRECTIONS, "43200", "25200000", "1260000", "23940000") + NO_ITEM,
                String.join(",", MKT_A, l2, provider, tenant2, "H100-SXM-80GB", "3", "833", "27", "806", NO_CORRECTIONS,
                        "3", "833", "27", "806") + NO_ITEM,
                "TOTAL,,,,,43203,25200833,1260027,23940806," + NO_CORRECTIONS + ",43203,25200833,1260027,23940806"
                        + NO_ITEM);
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

    /*
     * Corrections, on a lease of its own: 1 GPU at 1,000,001 per GPU-hour, 3.33% fee, one GPU-second
     * on each of Nov 1, 2 and 3 (cumulative charges 277, 555, 833), the Nov 2 report voided, then a
     * debit of 5 units recorded at T. The void falls in Nov 2's window, beside the report it cancels;
     * the debit in the window holding T. Net: 2,000,002 + 5 × 3600 = 2,018,002 → 560 charged, fee 18.
     */
    @Test
    void placesAVoidInItsReportsWindowAndAnAdjustmentWhenItWasRecordedAndAddsUpToTheLease() {
        String lease = "stc-" + UUID.randomUUID().toString().substring(0, 8);
        String correctedProvider = "prov-" + lease;
        open(MARKETPLACE_A, lease, correctedProvider, tenant2, 1, "1000001", 333);
        usage(MARKETPLACE_A, lease, "r-1", NOV_1, "2026-11-01T00:00:01Z", 1);
        usage(MARKETPLACE_A, lease, "r-2", NOV_2, "2026-11-02T00:00:01Z", 1);
        usage(MARKETPLACE_A, lease, "r-3", NOV_3, "2026-11-03T00:00:01Z", 1);
        JsonNode voided = created(api.post(MARKETPLACE_A, "/v1/leases/" + lease + "/usage/r-2/void",
                "{\"reason\": \"meter fault, \\\"r-2\\\"\"}")).json();
        String t = now();
        JsonNode debited = created(api.post(MARKETPLACE_A, "/v1/leases/" + lease + "/adjustments",
                "{\"adjustmentId\": \"a-1\", \"kind\": \"DEBIT\", \"amountUnits\": \"5\", \"reason\": \"USAGE_CORRECTION\"}"))
                .json();
        new Projections(processing, new LedgerTables(jdbc)).awaitCaughtUp();
        String path = "/v1/statements/providers/" + correctedProvider;

        List<JsonNode> windows = windows(MARKETPLACE_A, path, NOV_2, NOV_3, t);
        assertThat(windows.stream().map(w -> corrections(w.path("leases").get(0))).toList()).containsExactly(
                "1 277/9/268 | 0 0/0/0 | 0/0/0 | 1 277/9/268",
                "1 278/9/269 | -1 -278/-9/-269 | 0/0/0 | 0 0/0/0",
                "1 278/9/269 | 0 0/0/0 | 0/0/0 | 1 278/9/269",
                "0 0/0/0 | 0 0/0/0 | 5/0/5 | 0 5/0/5");
        JsonNode whole = get(MARKETPLACE_A, path);
        assertThat(corrections(whole.path("leases").get(0))).isEqualTo("3 833/27/806 | -1 -278/-9/-269 | 5/0/5 | 2 560/18/542");
        assertThat(corrections(whole.path("totals"))).isEqualTo(corrections(whole.path("leases").get(0)));
        assertNetOfTheWindowsIsTheLeasesTotals(windows, MARKETPLACE_A, lease);

        // Each window itemizes the corrections it places: the void beside its report, the debit at T.
        String voidItem = "VOID r-2 meter fault, \"r-2\" " + NOV_2 + "-2026-11-02T00:00:01Z -1 -278/-9/-269";
        String debitItem = "ADJUSTMENT a-1 DEBIT USAGE_CORRECTION 5 5/0/5";
        assertThat(windows.stream().map(w -> items(w.path("leases").get(0))).toList()).containsExactly(
                List.of(), List.of(voidItem), List.of(), List.of(debitItem));
        assertThat(items(whole.path("leases").get(0))).containsExactly(voidItem, debitItem);
        JsonNode voidJson = whole.path("leases").get(0).path("corrections").get(0);
        JsonNode debitJson = whole.path("leases").get(0).path("corrections").get(1);
        assertThat(amounts(voidJson)).as("the void's slice, as its route answered").isEqualTo(amounts(voided));
        assertThat(amounts(debitJson)).as("the debit's slice, as its route answered").isEqualTo(amounts(debited));
        assertThat(voidJson.has("adjustmentId")).isFalse();
        assertThat(debitJson.has("reportId")).isFalse();
        assertThat(debitJson.has("gpuSeconds")).isFalse();
        assertThat(Instant.parse(voidJson.path("recordedAt").asText())).isBefore(Instant.parse(t).plusMillis(1));
        assertThat(Instant.parse(debitJson.path("recordedAt").asText())).isAfterOrEqualTo(Instant.parse(t));

        Response csv = api.get(MARKETPLACE_A, path, "text/csv");
        String[] csvRows = csv.body().split("\r\n");
        assertThat(csvRows).hasSize(5);
        String names = String.join(",", MKT_A, lease, correctedProvider, tenant2, "H100-SXM-80GB");
        assertThat(csvRows[1]).startsWith(names + ",3,833,27,806,,,,,,,-1,-278,-9,-269,5,0,5,0,0,0,2,560,18,542,").endsWith(NO_ITEM);
        String noLeaseAmounts = ",".repeat(24);
        assertThat(csvRows[2]).isEqualTo(names + noLeaseAmounts + ",VOID,r-2,,,\"meter fault, \"\"r-2\"\"\","
                + voidJson.path("recordedAt").asText() + "," + NOV_2 + ",2026-11-02T00:00:01Z,-1,,-278,-9,-269");
        assertThat(csvRows[3]).isEqualTo(names + noLeaseAmounts + ",ADJUSTMENT,,a-1,DEBIT,USAGE_CORRECTION,"
                + debitJson.path("recordedAt").asText() + ",,,,5,5,0,5");
        assertThat(csvRows[4]).startsWith("TOTAL,");
        Response jsonLines = api.get(MARKETPLACE_A, path, "application/x-ndjson");
        assertThat(jsonLines.body().split("\n")).containsExactly(whole.path("leases").get(0).toString());
    }

    /** A line's itemized corrections, each "VOID reportId reason periodStart-periodEnd gpuSeconds amounts" or
     *  "ADJUSTMENT adjustmentId kind reason amountUnits amounts". */
    private static List<String> items(JsonNode line) {
        List<String> items = new ArrayList<>();
        for (JsonNode c : line.path("corrections")) {
            items.add(c.path("correction").asText().equals("VOID")
                    ? "VOID " + c.path("reportId").asText() + " " + c.path("reason").asText() + " "
                            + c.path("periodStart").asText() + "-" + c.path("periodEnd").asText() + " "
                            + c.path("gpuSeconds").asText() + " " + amounts(c)
                    : "ADJUSTMENT " + c.path("adjustmentId").asText() + " " + c.path("kind").asText() + " "
                            + c.path("reason").asText() + " " + c.path("amountUnits").asText() + " " + amounts(c));
        }
        return items;
    }

    /*
     * A prepaid tenant of its own: deposit 10,000,000; a full hour draws 16,800,000, held (balance
     * -6,800,000); a credit of 2,000,000 leaves it held (-4,800,000); a deposit of 4,800,000 brings the
     * balance to zero and releases it. Windows split between those, by when each was recorded.
     */
    @Test
    void chainsATenantsOpeningAndClosingBalancesFromWindowToWindow() {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "pre-" + u;
        String lease = "stp-" + u;
        deposit(tenant, "d-1", "DEPOSIT", "10000000");
        String m1 = now();
        String open = Leases.open(lease, "prov-" + u, tenant, 8, "2100000", 500, NOV_1, null);
        created(api.post(MARKETPLACE_A, "/v1/leases", open.substring(0, open.lastIndexOf('}')) + ", \"billing\": \"PREPAID\"}"));
        usage(MARKETPLACE_A, lease, "r-1", NOV_1, "2026-11-01T01:00:00Z", 28800);
        String m2 = now();
        deposit(tenant, "c-1", "CREDIT", "2000000");
        String m3 = now();
        deposit(tenant, "d-2", "DEPOSIT", "4800000");
        new Projections(processing, new LedgerTables(jdbc)).awaitCaughtUp();
        String path = "/v1/statements/tenants/" + tenant;

        List<JsonNode> windows = windows(MARKETPLACE_A, path, m1, m2, m3);
        assertThat(windows.stream().map(w -> account(w.path("accounts").get(0))).toList()).containsExactly(
                "0 +10000000 +0 -0 held 0 released 0 = 10000000",
                "10000000 +0 +0 -16800000 held 16800000 released 0 = -6800000",
                "-6800000 +0 +2000000 -0 held 0 released 0 = -4800000",
                "-4800000 +4800000 +0 -0 held 0 released 16800000 = 0");
        assertThat(account(get(MARKETPLACE_A, path).path("accounts").get(0)))
                .isEqualTo("0 +14800000 +2000000 -16800000 held 16800000 released 16800000 = 0");
        for (int i = 1; i < windows.size(); i++) {
            assertThat(windows.get(i).path("accounts").get(0).path("openingBalanceUnits"))
                    .isEqualTo(windows.get(i - 1).path("accounts").get(0).path("closingBalanceUnits"));
        }
        assertThat(windows.get(3).path("accounts").get(0).path("closingBalanceUnits").asText()).isEqualTo(
                api.get(MARKETPLACE_A, "/v1/tenants/" + tenant + "/balance").json().path("balanceUnits").asText());
        // The lease's line counts its usage by periodStart (Nov 1), before every cut of these windows.
        assertThat(windows.get(0).path("leases").get(0).path("net").path("chargedUnits").asText()).isEqualTo("16800000");
        assertNetOfTheWindowsIsTheLeasesTotals(windows, MARKETPLACE_A, lease);
        assertThat(get(MARKETPLACE_B, path).path("accounts")).isEmpty();
        assertThat(get(MARKETPLACE_A, "/v1/statements/providers/" + provider).has("accounts")).isFalse();

        Response csv = api.get(MARKETPLACE_A, path + "?from=" + m3, "text/csv");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        String[] csvRows = csv.body().split("\r\n");
        assertThat(csvRows[0]).endsWith(",netProviderUnits,openingBalanceUnits,depositsUnits,creditsUnits,chargesUnits,"
                + "heldUnits,releasedUnits,closingBalanceUnits," + CORRECTION_COLUMNS);
        assertThat(csvRows).hasSize(4);
        assertThat(csvRows[1]).startsWith(MKT_A + "," + lease + ",").endsWith(",,,,,,,");
        assertThat(csvRows[2]).startsWith("TOTAL,");
        assertThat(csvRows[3]).isEqualTo(MKT_A + ",,," + tenant + "," + ",".repeat(25)
                + "-4800000,4800000,0,0,0,16800000,0" + NO_ITEM);

        Response jsonLines = api.get(MARKETPLACE_A, path + "?from=" + m3, "application/x-ndjson");
        assertThat(jsonLines.status()).as(jsonLines.toString()).isEqualTo(200);
        assertThat(jsonLines.contentType()).startsWith("application/x-ndjson");
        JsonNode json = get(MARKETPLACE_A, path + "?from=" + m3);
        assertThat(jsonLines.body().split("\n")).containsExactly(json.path("leases").get(0).toString(),
                json.path("accounts").get(0).toString());
    }

    @Test
    void exportsEveryKindOfStatementAsJsonLinesOneLeaseALine() {
        for (String path : List.of("/v1/statements/providers/" + provider, "/v1/statements/tenants/" + tenant2,
                "/v1/statements/marketplace?from=" + NOV_2)) {
            Response jsonLines = api.get(MARKETPLACE_A, path, "application/x-ndjson");
            assertThat(jsonLines.status()).as(jsonLines.toString()).isEqualTo(200);
            List<String> expected = new ArrayList<>();
            get(MARKETPLACE_A, path).path("leases").forEach(line -> expected.add(line.toString()));
            assertThat(jsonLines.body().split("\n")).as(path).containsExactlyElementsOf(expected);
        }
    }

    /** Statements over consecutive windows cut at the given instants, the first and last open-ended. */
    private List<JsonNode> windows(String key, String path, String... cuts) {
        List<JsonNode> windows = new ArrayList<>();
        for (int i = 0; i <= cuts.length; i++) {
            String from = i == 0 ? null : cuts[i - 1];
            String to = i == cuts.length ? null : cuts[i];
            String query = (from == null ? "" : "from=" + from) + (from != null && to != null ? "&" : "")
                    + (to == null ? "" : "to=" + to);
            windows.add(get(key, path + "?" + query));
        }
        return windows;
    }

    private void assertNetOfTheWindowsIsTheLeasesTotals(List<JsonNode> windows, String key, String leaseId) {
        BigInteger[] sum = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
        for (JsonNode window : windows) {
            for (JsonNode line : window.path("leases")) {
                if (line.path("leaseId").asText().equals(leaseId)) {
                    JsonNode net = line.path("net");
                    sum[0] = sum[0].add(new BigInteger(net.path("gpuSeconds").asText()));
                    sum[1] = sum[1].add(new BigInteger(net.path("chargedUnits").asText()));
                    sum[2] = sum[2].add(new BigInteger(net.path("feeUnits").asText()));
                    sum[3] = sum[3].add(new BigInteger(net.path("providerUnits").asText()));
                }
            }
        }
        JsonNode lease = get(key, "/v1/leases/" + leaseId);
        assertThat(sum).containsExactly(new BigInteger(lease.path("gpuSecondsRecorded").asText()),
                new BigInteger(lease.path("chargedUnits").asText()), new BigInteger(lease.path("feeUnits").asText()),
                new BigInteger(lease.path("providerUnits").asText()));
    }

    /** "recorded | voids | adjustments | net", each "gpuSeconds charged/fee/provider" (adjustments without GPU-seconds). */
    private static String corrections(JsonNode line) {
        return line.path("gpuSecondsRecorded").asText() + " " + amounts(line) + " | "
                + line.path("voids").path("gpuSeconds").asText() + " " + amounts(line.path("voids")) + " | "
                + amounts(line.path("adjustments")) + " | "
                + line.path("net").path("gpuSeconds").asText() + " " + amounts(line.path("net"));
    }

    /** "opening +deposits +credits -charges held h released r = closing". */
    private static String account(JsonNode a) {
        return a.path("openingBalanceUnits").asText() + " +" + a.path("depositsUnits").asText() + " +"
                + a.path("creditsUnits").asText() + " -" + a.path("chargesUnits").asText() + " held "
                + a.path("heldUnits").asText() + " released " + a.path("releasedUnits").asText() + " = "
                + a.path("closingBalanceUnits").asText();
    }

    private void deposit(String tenant, String depositId, String kind, String amount) {
        created(api.post(MARKETPLACE_A, "/v1/tenants/" + tenant + "/deposits",
                "{\"depositId\": \"%s\", \"kind\": \"%s\", \"amountUnits\": \"%s\"}".formatted(depositId, kind, amount)));
    }

    /**
     * A window's edge between what was recorded before the call and what is recorded after it: the next
     * whole millisecond (the edge's precision), once the clock has passed it, since an event recorded
     * within the millisecond before would otherwise fall after an edge truncated to that millisecond.
     */
    private static String now() {
        Instant edge = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        await().pollInterval(Duration.ofMillis(1)).until(() -> Instant.now().isAfter(edge));
        return edge.toString();
    }

    private static Response created(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response;
    }

    private void open(String key, String leaseId, String providerId, String tenantId, int gpus, String price,
                      int feeBps) {
        Response opened = api.post(key, "/v1/leases",
                Leases.open(leaseId, providerId, tenantId, gpus, price, feeBps, NOV_1, "2026-12-01T00:00:00Z"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    }

    private void usage(String key, String leaseId, String start, String end, long gpuSeconds) {
        usage(key, leaseId, UUID.randomUUID().toString(), start, end, gpuSeconds);
    }

    private void usage(String key, String leaseId, String reportId, String start, String end, long gpuSeconds) {
        created(api.post(key, "/v1/leases/" + leaseId + "/usage", Leases.usage(reportId, start, end, gpuSeconds)));
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
