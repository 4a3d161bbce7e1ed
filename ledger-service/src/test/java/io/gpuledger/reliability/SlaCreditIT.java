package io.gpuledger.reliability;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MARKETPLACE_B;
import static io.gpuledger.support.TestKeys.MKT_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.EpochLines;
import io.gpuledger.support.Leases;
import io.gpuledger.support.LedgerIT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * SLA credits end to end on real PostgreSQL: a lease of 1 GPU at 3,600,000 units per GPU-hour (1,000 a
 * GPU-second), 5% fee, from 2025-11-15 with tiers below 9990 bps (1000 bps) and 9900 bps (3000 bps);
 * downtime over the Nov/Dec month end, epochs closed with accrueThrough before and after each window's
 * end, the lease closed for SLA_BREACH in Jan. Every amount is to the unit (docs/MONEY.md, "SLA credits").
 */
class SlaCreditIT extends LedgerIT {

    @Autowired
    private JdbcTemplate jdbc;

    private static final String SLA = """
            , "sla": {"uptimeTargetBps": 9990, "credits": [{"belowBps": 9990, "creditBps": 1000},
                                                            {"belowBps": 9900, "creditBps": 3000}]}""";

    @Test
    void aDowntimeOverAMonthEndIsCreditedOnceByTheEpochThatAccruesThroughEachWindowsEnd() throws Exception {
        String address = Keys.toChecksumAddress(Credentials.create(Keys.createEcKeyPair()).getAddress());
        String provider = Leases.uniqueId("prov-sla");
        String leaseId = open(provider, address);
        post(leaseId, "/usage", Leases.usage("r-1", "2025-11-30T23:00:00Z", "2025-12-01T01:00:00Z", 7200), 201);
        post(leaseId, "/usage", Leases.usage("r-2", "2025-12-01T01:00:00Z", "2025-12-01T02:00:00Z", 3600), 201);
        post(leaseId, "/downtime", downtime("d-1", "2025-11-30T22:00:00Z", "2025-12-01T02:00:00Z"), 201);
        assertThat(post(leaseId, "/downtime", downtime("d-1", "2025-11-30T22:00:00Z", "2025-12-01T02:00:00Z"), 200)
                .json().path("reportId").asText()).isEqualTo("d-1");
        assertThat(post(leaseId, "/downtime", downtime("d-1", "2025-11-30T21:00:00Z", "2025-11-30T22:00:00Z"), 409)
                .code()).isEqualTo("DOWNTIME_REPORT_CONFLICT");
        assertThat(post(leaseId, "/downtime", downtime("d-2", "2025-12-01T01:00:00Z", "2025-12-01T03:00:00Z"), 409)
                .code()).isEqualTo("DOWNTIME_OVERLAP");
        assertThat(post(leaseId, "/downtime", downtime("d-2", "2025-11-14T00:00:00Z", "2025-11-15T01:00:00Z"), 422)
                .code()).isEqualTo("DOWNTIME_OUTSIDE_LEASE");
        awaitReliability(provider, r -> r.path("leases").size() == 1
                && r.path("leases").get(0).path("windows").get(0).path("downSeconds").asLong() == 7200);
        JsonNode novemberOpen = reliability(provider).path("leases").get(0).path("windows").get(0);
        assertThat(novemberOpen.path("state").asText()).isEqualTo("OPEN");
        assertThat(novemberOpen.path("activeSeconds").asLong()).isEqualTo(1_382_400);
        assertThat(novemberOpen.path("uptimeBps").asInt()).isEqualTo(9947);

        long beforeNovemberEnds = closeEpoch("2025-11-30T23:59:59Z");
        assertThat(EpochLines.payoutOf(api, beforeNovemberEnds, address)).as("10,800,000 charged, less the 5% fee").isEqualTo("10260000");
        assertThat(slaEvents(leaseId)).isEmpty();

        JsonNode novemberClose = close("2025-12-01T00:00:00Z");
        long novemberEnded = novemberClose.path("epoch").asLong();
        JsonNode retriedClose = close("2025-12-01T00:00:00Z");
        long retried = retriedClose.path("epoch").asLong();
        assertThat(novemberClose.path("slaCredits").toString()).as("the close's own answer shows its credits")
                .isEqualTo("{\"chargedUnits\":\"-720000\",\"feeUnits\":\"-36000\",\"providerUnits\":\"-684000\"}");
        assertThat(retriedClose.has("slaCredits")).isFalse();
        awaitLease(leaseId, l -> l.path("adjustmentsUnits").asText().equals("-720000"));
        assertThat(slaEvents(leaseId)).as("the November window, closed once across two closes")
                .containsExactly("SlaWindowClosedEvent", "LeaseAdjustedEvent");
        assertThat(EpochLines.payoutOf(api, novemberEnded, address)).as("no payout is negative").isNull();
        assertThat(EpochLines.carriedOf(api, novemberEnded, address)).as("1000 bps of 7,200,000, less its fee").isEqualTo("-684000");
        assertThat(EpochLines.carriedOf(api, retried, address)).isEqualTo("-684000");
        JsonNode creditLine = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(OPERATOR, "/v1/settlement/epochs/" + novemberEnded).json().path("slaCredits"),
                        line -> !line.isMissingNode());
        assertThat(creditLine.toString()).as("the epoch's SLA credits on a line of their own")
                .isEqualTo("{\"chargedUnits\":\"-720000\",\"feeUnits\":\"-36000\",\"providerUnits\":\"-684000\"}");
        assertThat(api.get(OPERATOR, "/v1/settlement/epochs/" + retried).json().has("slaCredits"))
                .as("the retried close recorded no credit").isFalse();

        long decemberEnded = closeEpoch("2026-01-01T00:00:00Z");
        assertThat(EpochLines.carriedOf(api, decemberEnded, address)).as("Dec: 9973 bps, 1000 bps of 3,600,000").isEqualTo("-1026000");

        post(leaseId, "/usage", Leases.usage("r-3", "2026-01-05T00:00:00Z", "2026-01-05T01:00:00Z", 3600), 201);
        post(leaseId, "/downtime", downtime("d-3", "2026-01-09T00:00:00Z", "2026-01-09T02:00:00Z"), 201);
        post(leaseId, "/close", Leases.close("SLA_BREACH", "2026-01-10T00:00:00Z"), 200);
        assertThat(post(leaseId, "/downtime", downtime("d-4", "2026-01-10T00:00:00Z", "2026-01-10T01:00:00Z"), 422)
                .code()).as("after the close").isEqualTo("DOWNTIME_OUTSIDE_LEASE");
        // At once: the epoch finds the close in the event store if the reliability view has not reached it.
        long closedLease = closeEpoch("2026-01-10T00:00:00Z");
        // Jan: 7,200 down of 777,600 seconds to the close, 9907 bps: 1000 bps of 3,600,000 = 360,000
        // (provider −342,000), against 3,420,000 earned: 3,078,000 less the 1,026,000 carried.
        assertThat(EpochLines.payoutOf(api, closedLease, address)).isEqualTo("2052000");
        assertThat(EpochLines.carriedOf(api, closedLease, address)).isNull();

        JsonNode lease = awaitLease(leaseId, l -> l.path("adjustmentsUnits").asText().equals("-1440000"));
        assertThat(lease.path("chargedUnits").asText()).isEqualTo("12960000");
        assertThat(lease.path("feeUnits").asText()).isEqualTo("648000");
        assertThat(lease.path("providerUnits").asText()).as("10,260,000 + 2,052,000 paid").isEqualTo("12312000");
        assertThat(slaEvents(leaseId)).hasSize(6);

        JsonNode reliability = awaitReliability(provider, r -> r.path("leases").get(0).path("windows").size() == 3
                && "CLOSED".equals(lastWindow(r).path("state").asText()));
        JsonNode windows = reliability.path("leases").get(0).path("windows");
        assertWindow(windows.get(0), "2025-11", 1_382_400, 7200, 9947, 1000, "720000");
        assertWindow(windows.get(1), "2025-12", 2_678_400, 7200, 9973, 1000, "360000");
        assertWindow(windows.get(2), "2026-01", 777_600, 7200, 9907, 1000, "360000");
        assertThat(reliability.path("averageUptimeBps").asInt()).as("floor(10000 × 4,816,800 / 4,838,400)")
                .isEqualTo(9955);
        assertThat(reliability(provider, MARKETPLACE_B).path("leases")).as("another marketplace's leases").isEmpty();
        assertThat(api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).json().path("sla")).as("the SLA as opened")
                .isEqualTo(new ObjectMapper().readTree(SLA.substring(SLA.indexOf('{'))));
        assertThat(api.get(AUDITOR, "/v1/providers/" + provider + "/reliability?marketplaceId=" + MKT_A).json()
                .path("leases").get(0).path("leaseId").asText()).isEqualTo(leaseId);

        JsonNode line = api.get(MARKETPLACE_A, "/v1/statements/providers/" + provider).json().path("leases").get(0);
        assertThat(line.path("net").path("chargedUnits").asText()).isEqualTo("12960000");
        assertThat(line.path("slaCredits").toString()).as("the three credits on a line of their own")
                .isEqualTo("{\"chargedUnits\":\"-1440000\",\"feeUnits\":\"-72000\",\"providerUnits\":\"-1368000\"}");
        assertThat(line.path("adjustments").path("chargedUnits").asText()).as("no other adjustment").isEqualTo("0");
        String[] csv = api.get(MARKETPLACE_A, "/v1/statements/providers/" + provider, "text/csv").body().split("\r\n");
        List<String> header = List.of(csv[0].split(","));
        String[] leaseRow = csv[1].split(",", -1);
        assertThat(leaseRow[header.indexOf("slaCreditsChargedUnits")]).isEqualTo("-1440000");
        assertThat(leaseRow[header.indexOf("slaCreditsProviderUnits")]).isEqualTo("-1368000");
        assertThat(leaseRow[header.indexOf("adjustmentsChargedUnits")]).isEqualTo("0");
        assertThat(leaseRow[header.indexOf("netChargedUnits")]).isEqualTo("12960000");
        JsonNode november = api.get(MARKETPLACE_A, "/v1/statements/providers/" + provider
                + "?to=2025-12-01T00:00:00Z").json().path("leases").get(0);
        assertThat(november.path("slaCredits").path("chargedUnits").asText())
                .as("no credit was recorded before December").isEqualTo("0");
        List<String> credits = new ArrayList<>();
        for (JsonNode item : line.path("corrections")) {
            credits.add(item.path("adjustmentId").asText() + " " + item.path("reason").asText() + " "
                    + item.path("amountUnits").asText());
        }
        assertThat(credits).containsExactly("sla:2025-11 SLA_CREDIT 720000", "sla:2025-12 SLA_CREDIT 360000",
                "sla:2026-01 SLA_CREDIT 360000");

        JsonNode payable = awaitEntries("payable:" + address, e -> e.path("balanceUnits").asText().equals("12312000"));
        assertThat(amountsOf(payable, "LeaseAdjustedEvent")).containsExactly("-684000", "-342000", "-342000");
        assertThat(api.get(AUDITOR, "/v1/accounts").json().path("totalUnits").asText()).isEqualTo("0");
    }

    @Test
    void twoEpochClosesAtOnceCreditAWindowOnce() throws Exception {
        String address = Keys.toChecksumAddress(Credentials.create(Keys.createEcKeyPair()).getAddress());
        String provider = Leases.uniqueId("prov-sla");
        String leaseId = open(provider, address);
        post(leaseId, "/usage", Leases.usage("r-1", "2025-11-20T00:00:00Z", "2025-11-20T01:00:00Z", 3600), 201);
        post(leaseId, "/downtime", downtime("d-1", "2025-11-21T00:00:00Z", "2025-11-21T04:00:00Z"), 201);

        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Response>> closes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                closes.add(callers.submit(() -> api.post(OPERATOR, "/v1/settlement/epochs",
                        "{\"accrueThrough\": \"2025-12-01T00:00:00Z\"}")));
            }
            for (Future<Response> close : closes) {
                Response answer = close.get();
                assertThat(answer.status()).as(answer.toString()).isIn(201, 409);
            }
        } finally {
            callers.shutdownNow();
        }

        // 14,400 of 1,382,400 seconds down: 9895, below 9900: 3000 bps of 3,600,000.
        JsonNode lease = awaitLease(leaseId, l -> l.path("adjustmentsUnits").asText().equals("-1080000"));
        assertThat(lease.path("chargedUnits").asText()).isEqualTo("2520000");
        assertThat(slaEvents(leaseId)).containsExactly("SlaWindowClosedEvent", "LeaseAdjustedEvent");
    }

    @Test
    void theReliabilityRoutePagesTheProvidersLeasesAndAveragesOverAllOfThem() throws Exception {
        String address = Keys.toChecksumAddress(Credentials.create(Keys.createEcKeyPair()).getAddress());
        String provider = Leases.uniqueId("prov-sla");
        // Leases that ended, so their windows measure the same whenever they are read.
        String endsAt = "2025-11-25T00:00:00Z";
        List<String> leaseIds = new ArrayList<>(List.of(open(provider, address, endsAt),
                open(provider, address, endsAt), open(provider, address, endsAt)));
        post(leaseIds.get(1), "/downtime", downtime("d-1", "2025-11-20T00:00:00Z", "2025-11-20T04:00:00Z"), 201);
        JsonNode whole = awaitReliability(provider, r -> r.path("leases").size() == 3
                && r.path("downSeconds").asLong() == 14_400);
        leaseIds.sort(null);

        List<String> paged = new ArrayList<>();
        JsonNode page = reliability(provider, MARKETPLACE_A, "?limit=2");
        assertThat(page.path("leases")).hasSize(2);
        for (JsonNode lease : page.path("leases")) {
            paged.add(lease.path("leaseId").asText());
        }
        assertThat(page.path("averageUptimeBps")).as("over all three leases").isEqualTo(whole.path("averageUptimeBps"));
        assertThat(page.path("activeSeconds")).isEqualTo(whole.path("activeSeconds"));
        assertThat(page.path("downSeconds").asLong()).isEqualTo(14_400);
        JsonNode last = reliability(provider, MARKETPLACE_A, "?limit=2&cursor=" + page.path("nextCursor").asText());
        for (JsonNode lease : last.path("leases")) {
            paged.add(lease.path("leaseId").asText());
        }
        assertThat(paged).as("each lease once, in lease id order").isEqualTo(leaseIds);
        assertThat(last.path("nextCursor").isNull()).isTrue();
        assertThat(last.path("averageUptimeBps")).isEqualTo(whole.path("averageUptimeBps"));
        assertThat(whole.path("nextCursor").isNull()).as("the default shows up to 1,000 leases").isTrue();

        Response otherProvider = api.get(MARKETPLACE_A, "/v1/providers/" + provider + "-2/reliability?cursor="
                + page.path("nextCursor").asText());
        assertThat(otherProvider.status()).as("a cursor belongs to its provider").isEqualTo(400);
        assertThat(otherProvider.code()).isEqualTo("INVALID_CURSOR");
        Response auditors = api.get(AUDITOR, "/v1/providers/" + provider + "/reliability?cursor="
                + page.path("nextCursor").asText());
        assertThat(auditors.code()).as("and to its caller").isEqualTo("INVALID_CURSOR");
        Response badLimit = api.get(MARKETPLACE_A, "/v1/providers/" + provider + "/reliability?limit=0");
        assertThat(badLimit.code()).isEqualTo("VALIDATION_FAILED");
    }

    /**
     * The backfills of V160 (a lease's SLA, copied from its opening event) and V161 (each correction's place in
     * the store) find what the projections write for rows written before them: their UPDATEs, run again over
     * rows whose columns were emptied, restore them.
     */
    @Test
    void theMigrationsBackfillTheSlaAndTheCorrectionsPlacesAsTheProjectionsWriteThem() throws Exception {
        String address = Keys.toChecksumAddress(Credentials.create(Keys.createEcKeyPair()).getAddress());
        String leaseId = open(Leases.uniqueId("prov-sla"), address);
        post(leaseId, "/usage", Leases.usage("r-1", "2025-11-20T00:00:00Z", "2025-11-20T01:00:00Z", 3600), 201);
        post(leaseId, "/adjustments", """
                {"adjustmentId": "a-1", "kind": "CREDIT", "amountUnits": "5", "reason": "SLA_CREDIT"}""", 201);
        awaitLease(leaseId, l -> l.path("adjustmentsUnits").asText().equals("-5"));
        String lease = "SELECT lease_ref FROM lease_view WHERE marketplace_id = '" + MKT_A + "' AND lease_id = '"
                + leaseId + "'";
        String sla = jdbc.queryForObject("SELECT sla::text FROM lease_view WHERE lease_ref = (" + lease + ")", String.class);
        Long place = jdbc.queryForObject("SELECT global_index FROM lease_correction WHERE lease_ref = (" + lease + ")",
                Long.class);
        assertThat(sla).contains("\"uptimeTargetBps\": 9990");
        assertThat(place).isPositive();

        jdbc.update("UPDATE lease_view SET sla = NULL WHERE lease_ref = (" + lease + ")");
        jdbc.update("UPDATE lease_correction SET global_index = NULL WHERE lease_ref = (" + lease + ")");
        for (String migration : List.of("V160__lease_view_sla.sql", "V161__correction_global_index.sql")) {
            for (String statement : Files.readString(Path.of("../migrations", migration)).split(";")) {
                String sql = statement.replaceAll("(?m)^--.*$", "").strip();
                if (sql.startsWith("UPDATE")) {
                    jdbc.update(sql);
                }
            }
        }
        assertThat(jdbc.queryForObject("SELECT sla::text FROM lease_view WHERE lease_ref = (" + lease + ")", String.class))
                .isEqualTo(sla);
        assertThat(jdbc.queryForObject("SELECT global_index FROM lease_correction WHERE lease_ref = (" + lease + ")",
                Long.class)).isEqualTo(place);
    }

    private static void assertWindow(JsonNode window, String month, long active, long down, int uptime, int creditBps,
                                     String credit) {
        assertThat(window.path("window").asText()).isEqualTo(month);
        assertThat(window.path("state").asText()).isEqualTo("CLOSED");
        assertThat(window.path("activeSeconds").asLong()).isEqualTo(active);
        assertThat(window.path("downSeconds").asLong()).isEqualTo(down);
        assertThat(window.path("uptimeBps").asInt()).isEqualTo(uptime);
        assertThat(window.path("creditBps").asInt()).isEqualTo(creditBps);
        assertThat(window.path("creditUnits").asText()).isEqualTo(credit);
    }

    private static JsonNode lastWindow(JsonNode reliability) {
        JsonNode windows = reliability.path("leases").get(0).path("windows");
        return windows.get(windows.size() - 1);
    }

    private String open(String provider, String address) {
        return open(provider, address, null);
    }

    private String open(String provider, String address, String endsAt) {
        String leaseId = Leases.uniqueId("sla");
        String body = Leases.open(leaseId, provider, "tenant-42", 1, "3600000", 500, "2025-11-15T00:00:00Z", endsAt)
                .replace(Leases.PAYOUT_ADDRESS, address);
        body = body.substring(0, body.lastIndexOf('}')) + SLA + "}";
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return leaseId;
    }

    private Response post(String leaseId, String route, String body, int status) {
        Response response = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + route, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response;
    }

    private static String downtime(String reportId, String from, String to) {
        return "{\"reportId\": \"%s\", \"from\": \"%s\", \"to\": \"%s\"}".formatted(reportId, from, to);
    }

    private long closeEpoch(String accrueThrough) {
        return close(accrueThrough).path("epoch").asLong();
    }

    /** The close's answer, once the epoch can be read. */
    private JsonNode close(String accrueThrough) {
        Response closed = api.post(OPERATOR, "/v1/settlement/epochs", "{\"accrueThrough\": \"" + accrueThrough + "\"}");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        long epoch = closed.json().path("epoch").asLong();
        await().untilAsserted(() -> assertThat(api.get(OPERATOR, "/v1/settlement/epochs/" + epoch).status()).isEqualTo(200));
        return closed.json();
    }

    private List<String> slaEvents(String leaseId) {
        List<String> types = new ArrayList<>();
        for (JsonNode event : api.get(MARKETPLACE_A, "/v1/leases/" + leaseId + "/events").json().path("events")) {
            String type = event.path("type").asText();
            if (type.equals("SlaWindowClosedEvent") || type.equals("LeaseAdjustedEvent")) {
                types.add(type);
            }
        }
        return types;
    }

    private JsonNode reliability(String provider) {
        return reliability(provider, MARKETPLACE_A);
    }

    private JsonNode reliability(String provider, String key) {
        return reliability(provider, key, "");
    }

    private JsonNode reliability(String provider, String key, String query) {
        Response response = api.get(key, "/v1/providers/" + provider + "/reliability" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode awaitReliability(String provider, Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> reliability(provider), until::test);
    }

    private JsonNode awaitLease(String leaseId, Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).json(), until::test);
    }

    private JsonNode awaitEntries(String account, Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(AUDITOR, "/v1/accounts/" + account + "/entries").json(), until::test);
    }

    private static List<String> amountsOf(JsonNode entries, String eventType) {
        List<String> amounts = new ArrayList<>();
        for (JsonNode entry : entries.path("items")) {
            if (entry.path("eventType").asText().equals(eventType)) {
                amounts.add(entry.path("amountUnits").asText());
            }
        }
        return amounts;
    }
}
