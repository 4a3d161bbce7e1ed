package io.gpuledger.journal;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MKT_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.crypto.Keys;

/** The journal through the API, on real PostgreSQL: a postpaid and a prepaid lease, deposits, credits, an overdraw. */
class JournalIT extends LedgerIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void theAccountsBalanceToTheUnitAndSumToZeroAfterPostpaidAndPrepaidUsage() {
        Scenario s = runScenario();

        Map<String, JsonNode> accounts = awaitAccounts(a -> "0".equals(balance(a, s.tenant())) && a.containsKey(s.held())
                && "15960000".equals(balance(a, s.prepaidPayable())) && "15960000".equals(balance(a, s.postpaidPayable())));

        assertThat(balance(accounts, s.tenant())).isEqualTo("0");
        assertThat(accounts.get(s.tenant()).path("kind").asText()).isEqualTo("TENANT");
        assertThat(balance(accounts, s.held())).isEqualTo("0");
        assertThat(accounts.get(s.held()).path("kind").asText()).isEqualTo("HELD");
        assertThat(accounts.get(s.prepaidPayable()).path("kind").asText()).isEqualTo("PAYABLE");
        assertThat(accounts.get("treasury").path("kind").asText()).isEqualTo("TREASURY");
        assertThat(accounts.get("fees:" + MKT_A).path("kind").asText()).isEqualTo("FEES");
        assertThat(accounts.get("deposits:" + MKT_A).path("kind").asText()).isEqualTo("DEPOSITS");
        assertThat(api.get(AUDITOR, "/v1/accounts").json().path("totalUnits").asText()).isEqualTo("0");
    }

    @Test
    void anAccountsEntriesNameTheirEventsAndComeAPageAtATime() {
        Scenario s = runScenario();
        awaitAccounts(a -> "0".equals(balance(a, s.tenant())) && a.containsKey(s.held()));

        List<JsonNode> entries = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.get(AUDITOR, "/v1/accounts/" + s.tenant() + "/entries?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().path("account").asText()).isEqualTo(s.tenant());
            assertThat(page.json().path("items").size()).isBetween(1, 2);
            page.json().path("items").forEach(entries::add);
            cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asText();
            cursors.add(cursor);
        } while (cursor != null);

        assertThat(entries).extracting(e -> e.path("amountUnits").asText())
                .containsExactly("10000000", "1000000", "-8400000", "-8400000", "5800000");
        assertThat(entries).extracting(e -> e.path("eventType").asText()).containsExactly("DepositRecordedEvent",
                "DepositRecordedEvent", "TenantChargedEvent", "TenantChargedEvent", "DepositRecordedEvent");
        assertThat(entries).allSatisfy(e -> assertThat(e.path("eventId").asText()).isNotBlank());
        assertThat(entries).extracting(e -> e.path("globalIndex").asLong()).isSorted();
        assertThat(cursors).hasSize(3).last().isNull();
        Response held = api.get(AUDITOR, "/v1/accounts/" + s.held() + "/entries");
        assertThat(held.json().path("items")).extracting(e -> e.path("eventType").asText())
                .containsExactly("TenantChargedEvent", "HeldChargesReleasedEvent");
        Response payable = api.get(AUDITOR, "/v1/accounts/" + s.postpaidPayable() + "/entries");
        assertThat(payable.json().path("items")).extracting(e -> e.path("eventType").asText())
                .containsExactly("UsageRecordedEvent");
    }

    @Test
    void anUnknownAccountIsNotFoundAndABadCursorOrLimitIsABadRequest() {
        Response unknown = api.get(AUDITOR, "/v1/accounts/tenant:" + MKT_A + "/nobody-" + Leases.uniqueId("t") + "/entries");
        Response limit = api.get(AUDITOR, "/v1/accounts?limit=0");
        Response cursor = api.get(AUDITOR, "/v1/accounts/treasury/entries?cursor=bm90LWEtY3Vyc29y");

        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.json().path("errors").get(0).path("field").asText()).isEqualTo("limit");
        assertThat(cursor.status()).as(cursor.toString()).isEqualTo(400);
        assertThat(cursor.json().path("errors").get(0).path("field").asText()).isEqualTo("cursor");
    }

    @Test
    void verificationHoldsAfterTheScenarioAndNamesAJournalEntryAlteredInPostgres() {
        Scenario s = runScenario();
        awaitAccounts(a -> "0".equals(balance(a, s.tenant())) && a.containsKey(s.held()));
        JsonNode charge = api.get(AUDITOR, "/v1/accounts/" + s.tenant() + "/entries").json().path("items").get(2);
        long head = jdbc.queryForObject("SELECT max(global_index) FROM journal_entry", Long.class);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                api.get(AUDITOR, "/v1/audit/verify").json().path("sealedThrough").asLong() >= head);
        Response clean = api.get(AUDITOR, "/v1/audit/verify");
        assertThat(clean.json().path("ok").asBoolean()).as(clean.toString()).isTrue();
        assertThat(clean.json().path("journalTotalUnits").asText()).isEqualTo("0");
        assertThat(clean.json().path("journalEntriesChecked").asLong()).isPositive();

        String altered = "UPDATE journal_entry SET amount_units = amount_units + ? WHERE event_id = ? AND account = ?";
        jdbc.update(altered, 1, charge.path("eventId").asText(), s.tenant());
        try {
            JsonNode verdict = api.get(AUDITOR, "/v1/audit/verify").json();
            assertThat(verdict.path("ok").asBoolean()).as(verdict.toString()).isFalse();
            assertThat(verdict.path("eventId").asText()).isEqualTo(charge.path("eventId").asText());
            assertThat(verdict.path("globalIndex").asLong()).isEqualTo(charge.path("globalIndex").asLong());
            assertThat(verdict.path("reason").asText()).contains("journal").contains(s.tenant());
        } finally {
            jdbc.update(altered, -1, charge.path("eventId").asText(), s.tenant());
        }
        assertThat(api.get(AUDITOR, "/v1/audit/verify").json().path("ok").asBoolean()).isTrue();
    }

    @Test
    void theJournalRebuiltFromTheEventsHasTheSameBalances() {
        Scenario s = runScenario();
        Map<String, String> before = balances(awaitAccounts(a -> "0".equals(balance(a, s.tenant()))
                && a.containsKey(s.held()) && "15960000".equals(balance(a, s.prepaidPayable()))));
        StreamingEventProcessor journal = processing.eventProcessor(JournalProjection.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();

        journal.shutDown();
        journal.resetTokens();
        journal.start();

        awaitAccounts(a -> balances(a).equals(before));
        assertThat(api.get(AUDITOR, "/v1/accounts").json().path("totalUnits").asText()).isEqualTo("0");
    }

    @Test
    void marketplacesAndOperatorsMayNotReadTheJournal() {
        for (String key : List.of(MARKETPLACE_A, OPERATOR)) {
            assertThat(api.get(key, "/v1/accounts").code()).isEqualTo("FORBIDDEN");
            assertThat(api.get(key, "/v1/accounts/treasury/entries").status()).isEqualTo(403);
        }
    }

    /** The accounts' names the scenario moves money through. */
    record Scenario(String tenant, String held, String prepaidPayable, String postpaidPayable) {
    }

    /**
     * A postpaid lease records an hour; a prepaid lease's tenant deposits 10 tokens and gets a credit
     * of 1, draws 8.4 (not held), then 8.4 more (held: the balance is -5.8), and tops up 5.8, which
     * releases the held draw.
     */
    /**
     * Deposits from eight threads at once commit out of order, so the journal meets events that fill
     * gaps in its token: each must be posted once, at its own place in the store (the token then
     * holds a later event's index), and the journal must keep up.
     */
    @Test
    void depositsCommittedOutOfOrderArePostedEachAtItsOwnPlace() throws Exception {
        String run = Leases.uniqueId("gaps");
        int threads = 8;
        int perThread = 15;
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String tenant = run + "-tenant-" + t;
            Thread writer = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    deposit(tenant, "dep-" + i, "DEPOSIT", "1000");
                }
            });
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join();
        }
        String tenants = "tenant:" + MKT_A + "/" + run + "-tenant-%";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM journal_entry WHERE account LIKE ?", Integer.class, tenants) == threads * perThread);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM journal_entry j JOIN domain_event_entry e"
                + " ON e.event_identifier = j.event_id WHERE j.account LIKE ? AND j.global_index <> e.global_index",
                Integer.class, tenants)).as("entries placed at another event's index").isZero();
        assertThat(api.get(AUDITOR, "/v1/accounts").json().path("totalUnits").asText()).isEqualTo("0");
    }

    private Scenario runScenario() {
        String postpaidAddress = randomAddress();
        String postpaid = Leases.uniqueId("journal-post");
        open(postpaid, Leases.uniqueId("tenant"), postpaidAddress, false);
        usage(postpaid, "r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28_800);

        String tenant = Leases.uniqueId("tenant");
        String prepaidAddress = randomAddress();
        String prepaid = Leases.uniqueId("journal-pre");
        open(prepaid, tenant, prepaidAddress, true);
        deposit(tenant, "wire-0001", "DEPOSIT", "10000000");
        deposit(tenant, "grant-0001", "CREDIT", "1000000");
        usage(prepaid, "r-1", "2026-11-01T00:00:00Z", "2026-11-01T00:30:00Z", 14_400);
        usage(prepaid, "r-2", "2026-11-01T00:30:00Z", "2026-11-01T01:00:00Z", 14_400);
        Response topUp = deposit(tenant, "wire-0002", "DEPOSIT", "5800000");
        assertThat(topUp.json().path("heldUnits").asText()).as(topUp.toString()).isEqualTo("0");
        return new Scenario("tenant:" + MKT_A + "/" + tenant, "held:" + MKT_A + "/" + tenant,
                "payable:" + prepaidAddress, "payable:" + postpaidAddress);
    }

    private void open(String leaseId, String tenant, String payoutAddress, boolean prepaid) {
        String body = Leases.open(leaseId, "prov-7", tenant, 8, "2100000", 500, "2026-11-01T00:00:00Z", null)
                .replace(Leases.PAYOUT_ADDRESS, payoutAddress);
        if (prepaid) {
            body = body.substring(0, body.lastIndexOf('}')) + ", \"billing\": \"PREPAID\"}";
        }
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    }

    private void usage(String leaseId, String reportId, String start, String end, long gpuSeconds) {
        Response usage = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage(reportId, start, end, gpuSeconds));
        assertThat(usage.status()).as(usage.toString()).isEqualTo(201);
    }

    private Response deposit(String tenant, String depositId, String kind, String amount) {
        Response deposit = api.post(MARKETPLACE_A, "/v1/tenants/" + tenant + "/deposits",
                "{\"depositId\": \"%s\", \"kind\": \"%s\", \"amountUnits\": \"%s\"}".formatted(depositId, kind, amount));
        assertThat(deposit.status()).as(deposit.toString()).isEqualTo(201);
        return deposit;
    }

    /** Every account, read page by page, once the journal shows what {@code until} asks for. */
    private Map<String, JsonNode> awaitAccounts(Predicate<Map<String, JsonNode>> until) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(this::allAccounts, until);
    }

    private Map<String, JsonNode> allAccounts() {
        Map<String, JsonNode> accounts = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = api.get(AUDITOR, "/v1/accounts?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("items").forEach(a -> accounts.put(a.path("account").asText(), a));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        return accounts;
    }

    private static Map<String, String> balances(Map<String, JsonNode> accounts) {
        Map<String, String> balances = new HashMap<>();
        accounts.forEach((name, account) -> balances.put(name, account.path("balanceUnits").asText()));
        return balances;
    }

    private static String balance(Map<String, JsonNode> accounts, String account) {
        JsonNode found = accounts.get(account);
        return found == null ? null : found.path("balanceUnits").asText();
    }

    private static String randomAddress() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Keys.toChecksumAddress("0x" + HexFormat.of().formatHex(bytes));
    }
}
