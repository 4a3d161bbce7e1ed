package io.gpuledger.audit;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api;
import io.gpuledger.support.LedgerProcess;
import io.gpuledger.support.Leases;
import io.gpuledger.support.TestPostgres;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The event key rotated as an operator does it (docs/SECURITY.md): events appended under key A, the
 * service restarted with key B current and A kept for verification, events appended under B. Each
 * event is checked with the key its MAC names; without A its events are findings; an altered event is
 * still found. The service runs as its own process, configured by environment only; its verification
 * route reports its progress on the way.
 */
class EventKeyRotationIT {

    private static final String KEY_A = randomKey();
    private static final String KEY_B = randomKey();

    @Test
    void eventsMacedUnderARetiredKeyVerifyWhileItIsKeptAndAreFindingsWithoutIt() {
        TestPostgres.Database db = TestPostgres.freshDatabase("rotation");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(db.url(), db.user(), db.password()));
        Map<String, String> env = new HashMap<>(db.environment());
        env.putAll(Map.of("LEDGER_EVENT_HMAC_KEY", "a:" + KEY_A, "LEDGER_VERIFY_PROGRESS_EVERY", "2"));
        Map<String, String> rotated = Map.of("LEDGER_EVENT_HMAC_KEY", "b:" + KEY_B, "LEDGER_EVENT_HMAC_KEYS", "a:" + KEY_A);
        String underA = Leases.uniqueId("under-a");
        String underB = Leases.uniqueId("under-b");
        try (LedgerProcess ledger = new LedgerProcess("rotation", env)) {
            ledger.start();
            Api api = new Api(ledger.port());
            openWithUsage(api, underA);
            ledger.stop();

            ledger.start(rotated);
            openWithUsage(api, underB);
            assertThat(keyIdsOf(jdbc, underA)).containsOnly("a");
            assertThat(keyIdsOf(jdbc, underB)).containsOnly("b");
            JsonNode both = api.get(AUDITOR, "/v1/audit/verify").json();
            assertThat(both.path("ok").asBoolean()).as(both.toString()).isTrue();
            assertThat(both.path("eventsChecked").asLong() + both.path("eventsUnsealed").asLong()).isGreaterThanOrEqualTo(4);
            // The route logs its progress and shows it in the gauges.
            assertThat(ledger.output()).anyMatch(line -> line.contains("verification: 2 of "))
                    .anyMatch(line -> line.matches(".*verification: (\\d+) of \\1 events checked \\(100%\\).*"));
            String scrape = api.get(OPERATOR, "/actuator/prometheus", "text/plain").body();
            assertThat(scrape).containsPattern("(?m)^ledger_verification_events_checked\\{[^}]*} [1-9]")
                    .containsPattern("(?m)^ledger_verification_events_to_check\\{[^}]*} [1-9]");
            ledger.stop();
            assertNoKeyIn(ledger.output());

            ledger.start(Map.of("LEDGER_EVENT_HMAC_KEY", "b:" + KEY_B));
            JsonNode withoutA = api.get(AUDITOR, "/v1/audit/verify").json();
            assertThat(withoutA.path("ok").asBoolean()).as(withoutA.toString()).isFalse();
            assertThat(withoutA.path("reason").asText()).contains("names the event key id 'a'", "does not hold");
            assertThat(withoutA.path("aggregateId").asText()).endsWith("/" + underA);
            assertNoKeyIn(List.of(withoutA.toString()));
            ledger.stop();
            assertNoKeyIn(ledger.output());

            String altered = jdbc.queryForObject("""
                    SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier LIKE ?
                    ORDER BY sequence_number DESC LIMIT 1""", String.class, "%/" + underB);
            jdbc.update("UPDATE domain_event_entry SET payload = payload || convert_to(' ', 'UTF8') "
                    + "WHERE event_identifier = ?", altered);
            ledger.start(rotated);
            JsonNode tampered = api.get(AUDITOR, "/v1/audit/verify").json();
            assertThat(tampered.path("ok").asBoolean()).as(tampered.toString()).isFalse();
            assertThat(tampered.path("eventId").asText()).isEqualTo(altered);
            assertThat(tampered.path("reason").asText()).contains("altered");
            assertNoKeyIn(ledger.output());
        }
    }

    private static void openWithUsage(Api api, String leaseId) {
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId)).status()).isEqualTo(201);
        assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-02T00:00:00Z", "2026-11-02T01:00:00Z", 3600)).status()).isEqualTo(201);
    }

    private static List<String> keyIdsOf(JdbcTemplate jdbc, String leaseId) {
        return jdbc.queryForList("SELECT event_mac_key FROM domain_event_entry WHERE aggregate_identifier LIKE ?",
                String.class, "%/" + leaseId);
    }

    private static void assertNoKeyIn(List<String> lines) {
        assertThat(String.join("\n", lines)).doesNotContain(KEY_A).doesNotContain(KEY_B);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }
}
