package io.gpuledger.processing;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MKT_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.LedgerApplication;
import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.support.Api;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.Leases;
import io.gpuledger.support.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A billing handler that fails on one lease's events: that lease's events wait in the dead-letter
 * queue while the projection goes on with the others, and once the handler is fixed a retry applies
 * them. The ledger runs on a database of its own, with one more handler in the billing group, and
 * its metrics exported as in production.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(DeadLettersIT.FailingHandlerConfig.class)
class DeadLettersIT {

    /** A handler of the billing group that throws on the events of the aggregates it is told to fail on. */
    @ProcessingGroup("billing")
    static class FailingBillingHandler {

        final Set<String> failOn = ConcurrentHashMap.newKeySet();

        @EventHandler
        void on(LeaseOpenedEvent e, EventMessage<?> message) {
            failIfTold(LeaseKey.of(e.marketplaceId(), e.leaseId()));
        }

        @EventHandler
        void on(UsageRecordedEvent e) {
            failIfTold(LeaseKey.of(e.marketplaceId(), e.leaseId()));
        }

        private void failIfTold(String aggregateId) {
            if (failOn.contains(aggregateId)) {
                throw new IllegalStateException("test handler told to fail on " + aggregateId);
            }
        }
    }

    @TestConfiguration
    static class FailingHandlerConfig {
        @Bean
        FailingBillingHandler failingBillingHandler() {
            return new FailingBillingHandler();
        }
    }

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestPostgres.freshDatabase("deadletters").registerWith(registry);
        registry.add("ledger.metrics.refresh-interval", () -> "PT0.2S");
    }

    @LocalServerPort
    private int port;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private FailingBillingHandler failing;
    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void aPoisonedLeaseWaitsInTheQueueWhileTheOthersAreProjectedAndARetryAfterTheFixAppliesIt() {
        String bad = Leases.uniqueId("dl-bad");
        String good = Leases.uniqueId("dl-good");
        failing.failOn.add(LeaseKey.of(MKT_A, bad));

        openWithUsage(bad, 3600);
        openWithUsage(good, 7200);

        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters(bad).size() == 2
                && Long.valueOf(7200L).equals(gpuSecondsOf(good)));
        JsonNode opened = letterOf(bad, LeaseOpenedEvent.class.getName());
        assertThat(opened.get("aggregateId").asText()).isEqualTo(LeaseKey.of(MKT_A, bad));
        assertThat(opened.get("causeMessage").asText()).contains("test handler told to fail");
        assertThat(opened.get("queuedBehind").asBoolean()).isFalse();
        JsonNode usage = letterOf(bad, "io.gpuledger.usage.api.UsageRecordedEvent");
        assertThat(usage.get("aggregateId").asText()).isEqualTo(LeaseKey.of(MKT_A, bad));
        assertThat(usage.get("queuedBehind").asBoolean()).isTrue();
        assertThat(gpuSecondsOf(bad)).as("nothing of the poisoned lease is projected").isNull();

        // The projection goes on: more usage of the good lease is projected, the bad lease's queues up.
        ok(api.post(MARKETPLACE_A, "/v1/leases/" + good + "/usage",
                Leases.usage("r-2", "2026-11-01T02:00:00Z", "2026-11-01T03:00:00Z", 60)));
        ok(api.post(MARKETPLACE_A, "/v1/leases/" + bad + "/usage",
                Leases.usage("r-2", "2026-11-01T02:00:00Z", "2026-11-01T03:00:00Z", 60)));
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters(bad).size() == 3
                && Long.valueOf(7260L).equals(gpuSecondsOf(good)));

        failing.failOn.clear();
        Response retried = api.post(OPERATOR, "/v1/dead-letters:retry", "{\"processingGroup\": \"billing\"}");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().get("sequencesApplied").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(retried.json().get("sequencesStillFailing").asInt()).isZero();
        assertThat(retried.json().get("deadLettersLeft").asLong()).isZero();

        assertThat(deadLetters(bad)).isEmpty();
        assertThat(gpuSecondsOf(bad)).isEqualTo(3660L);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM usage_event_lines u JOIN lease_view l ON l.lease_ref = u.lease_ref
                WHERE l.lease_id = ?""", Long.class, bad)).isEqualTo(2L);

        // Once out of the queue, the lease's next events are projected as they come.
        ok(api.post(MARKETPLACE_A, "/v1/leases/" + bad + "/usage",
                Leases.usage("r-3", "2026-11-01T03:00:00Z", "2026-11-01T04:00:00Z", 40)));
        await().atMost(Duration.ofSeconds(60)).until(() -> Long.valueOf(3700L).equals(gpuSecondsOf(bad)));
        assertThat(deadLetters(bad)).isEmpty();
    }

    @Test
    void aRetryThatFailsAgainKeepsTheLetterAndItsCause() {
        String bad = Leases.uniqueId("dl-again");
        failing.failOn.add(LeaseKey.of(MKT_A, bad));
        openWithUsage(bad, 1800);
        await().atMost(Duration.ofSeconds(60)).until(() -> lettersOf(bad) == 2);
        assertPagesOfOneWalkEveryLetterOnce();

        Response retried = api.post(OPERATOR, "/v1/dead-letters:retry", "{\"processingGroup\": \"billing\"}");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().get("sequencesStillFailing").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(lettersOf(bad)).isEqualTo(2);
        assertThat(gpuSecondsOf(bad)).isNull();

        failing.failOn.clear();
        ok(api.post(OPERATOR, "/v1/dead-letters:retry", "{\"processingGroup\": \"billing\"}"));
        assertThat(lettersOf(bad)).isZero();
        assertThat(gpuSecondsOf(bad)).isEqualTo(1800L);
    }

    @Test
    void theDeadLetterGaugeShowsEachGroupsLettersUntilARetryAppliesThem() {
        String bad = Leases.uniqueId("dl-gauge");
        failing.failOn.add(LeaseKey.of(MKT_A, bad));
        openWithUsage(bad, 900);
        await().atMost(Duration.ofSeconds(60)).until(() -> lettersOf(bad) == 2);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gauge("billing"))
                .as(deadLetterLines()).isEqualTo(billingLetters()).isGreaterThanOrEqualTo(2.0));
        String scrape = api.get(OPERATOR, "/actuator/prometheus", "text/plain").body();
        jdbc.queryForList("SELECT DISTINCT processor_name FROM token_entry WHERE processor_name <> 'billing'",
                String.class).forEach(group -> assertThat(scrape).as("a group without letters shows 0")
                .containsPattern("ledger_dead_letters\\{[^}]*processing_group=\"" + group + "\"[^}]*} 0\\.0"));

        failing.failOn.clear();
        ok(api.post(OPERATOR, "/v1/dead-letters:retry", "{\"processingGroup\": \"billing\"}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gauge("billing"))
                .as(deadLetterLines()).isZero());
    }

    @Test
    void theRoutesAreForOperatorsAndNameKnownGroups() {
        assertThat(api.get(MARKETPLACE_A, "/v1/dead-letters").status()).isEqualTo(403);
        assertThat(api.get(OPERATOR, "/v1/dead-letters?processingGroup=nope").code()).isEqualTo("PROCESSOR_NOT_FOUND");
        assertThat(api.get(OPERATOR, "/v1/dead-letters?limit=0").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post(OPERATOR, "/v1/dead-letters:retry", "{\"processingGroup\": \"nope\"}").code())
                .isEqualTo("PROCESSOR_NOT_FOUND");
        assertThat(api.post(OPERATOR, "/v1/dead-letters:retry", null, "{\"processingGroup\": \"billing\"}").code())
                .isEqualTo("IDEMPOTENCY_KEY_MISSING");
    }

    private void assertPagesOfOneWalkEveryLetterOnce() {
        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.get(OPERATOR, "/v1/dead-letters?processingGroup=billing&limit=1"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(1);
            page.json().get("items").forEach(letter -> walked.add(letter.get("deadLetterId").asText()));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
            if (cursor != null) {
                assertThat(api.get(OPERATOR, "/v1/dead-letters?limit=1&cursor=" + cursor).code())
                        .as("a cursor of the billing group's list, passed to the list of every group").isEqualTo("INVALID_CURSOR");
            }
        } while (cursor != null);
        assertThat(walked).doesNotHaveDuplicates().hasSize(jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter_entry WHERE processing_group = 'billing'", Integer.class));
    }

    private void openWithUsage(String leaseId, long gpuSeconds) {
        ok(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId)));
        ok(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T02:00:00Z", gpuSeconds)));
    }

    /** The billing group's dead letters of one lease, through the operator's route. */
    private List<JsonNode> deadLetters(String leaseId) {
        Response response = api.get(OPERATOR, "/v1/dead-letters?processingGroup=billing");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> letters = new ArrayList<>();
        response.json().get("items").forEach(letter -> {
            if (letter.get("aggregateId").asText().equals(LeaseKey.of(MKT_A, leaseId))) {
                letters.add(letter);
            }
        });
        return letters;
    }

    private JsonNode letterOf(String leaseId, String eventType) {
        for (JsonNode letter : deadLetters(leaseId)) {
            if (letter.get("eventType").asText().equals(eventType)) {
                return letter;
            }
        }
        throw new AssertionError("no dead letter of " + eventType + " in " + deadLetters(leaseId));
    }

    /** The value of ledger_dead_letters for a group, as Prometheus scrapes it. */
    private double gauge(String group) {
        String scrape = api.get(OPERATOR, "/actuator/prometheus", "text/plain").body();
        Matcher value = Pattern.compile("(?m)^ledger_dead_letters\\{[^}]*processing_group=\""
                + group + "\"[^}]*} (\\S+)$").matcher(scrape);
        return value.find() ? Double.parseDouble(value.group(1)) : -1;
    }

    private String deadLetterLines() {
        return api.get(OPERATOR, "/actuator/prometheus", "text/plain").body().lines()
                .filter(line -> line.contains("dead_letters")).toList().toString();
    }

    private double billingLetters() {
        return jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry WHERE processing_group = 'billing'", Long.class);
    }

    private long lettersOf(String leaseId) {
        return jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry WHERE aggregate_identifier = ?", Long.class,
                LeaseKey.of(MKT_A, leaseId));
    }

    private Long gpuSecondsOf(String leaseId) {
        return jdbc.query("SELECT gpu_seconds_recorded FROM lease_view WHERE lease_id = ?",
                rs -> rs.next() ? rs.getLong(1) : null, leaseId);
    }

    private static void ok(Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 201);
    }
}
