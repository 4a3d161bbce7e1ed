package io.gpuledger.operations;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static io.gpuledger.support.TestKeys.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.LedgerApplication;
import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.support.Api;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import io.gpuledger.support.TestKeys;
import io.gpuledger.support.TestPostgres;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Probes without a key, metrics for operators and auditors only, and the request id of every answer. */
class OperationsIT extends LedgerIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProjectionLag lag;
    @Autowired
    EventStoreReader events;
    @Autowired
    HealthEndpoint health;

    @Test
    void livenessAndReadinessAnswerWithoutAKey() {
        Response liveness = api.get(null, "/actuator/health/liveness");
        assertThat(liveness.status()).as(liveness.toString()).isEqualTo(200);
        assertThat(liveness.json().path("status").asText()).isEqualTo("UP");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response readiness = api.get(null, "/actuator/health/readiness");
            assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
            assertThat(readiness.json().path("status").asText()).isEqualTo("UP");
        });
    }

    @Test
    void aProcessorFarBehindTheHeadTakesTheProjectionsOutOfService() {
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(Leases.uniqueId("ops"))).status()).isEqualTo(201);
        jdbc.update("INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner) "
                + "VALUES ('ops-test-rebuilding', 0, NULL, NULL, '2026-01-01T00:00:00Z', NULL)");
        try {
            long head = events.highestIndex();
            Map<String, Long> behind = lag.processors();
            assertThat(behind.get("ops-test-rebuilding")).as("a segment without a token handled nothing").isEqualTo(head);
            assertThat(new ProjectionsHealth(lag, head - 1).health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(new ProjectionsHealth(lag, head).health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.healthForPath("readiness", "projections")).as("readiness includes the projections")
                    .isNotNull();
        } finally {
            jdbc.update("DELETE FROM token_entry WHERE processor_name = 'ops-test-rebuilding'");
        }
    }

    /** An instance that tolerates no lag, on the same database: a processor without a token takes it out of service. */
    @Test
    void readinessIsDownOverHttpWhileAProcessorIsFarBehindAndUpAgainOnceItCatchesUp() {
        TestPostgres.Database db = TestPostgres.get();
        try (ConfigurableApplicationContext strict = new SpringApplication(LedgerApplication.class).run(
                "--server.port=0", "--ledger.db.url=" + db.url(), "--ledger.db.user=" + db.user(),
                "--ledger.db.password=" + db.password(), "--ledger.bootstrap-keys=" + TestKeys.BOOTSTRAP,
                "--ledger.readiness.max-projection-lag=0")) {
            Api instance = new Api(Integer.parseInt(strict.getEnvironment().getProperty("local.server.port")));
            await().atMost(Duration.ofSeconds(60)).until(() -> instance.get(null, "/actuator/health/readiness").status() == 200);
            jdbc.update("INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner) "
                    + "VALUES ('ops-test-far-behind', 0, NULL, NULL, '2026-01-01T00:00:00Z', NULL)");
            try {
                Response down = instance.get(null, "/actuator/health/readiness");
                assertThat(down.status()).as(down.toString()).isEqualTo(503);
                assertThat(down.json().path("status").asText()).isEqualTo("OUT_OF_SERVICE");
                assertThat(instance.get(null, "/actuator/health/liveness").status()).isEqualTo(200);
            } finally {
                jdbc.update("DELETE FROM token_entry WHERE processor_name = 'ops-test-far-behind'");
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> instance.get(null, "/actuator/health/readiness").status() == 200);
        }
    }

    @Test
    void prometheusNeedsAnOperatorOrAuditorKey() {
        Response none = api.get(null, "/actuator/prometheus", "text/plain");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.code()).isEqualTo("UNAUTHENTICATED");
        for (String refused : new String[] {MARKETPLACE_A, PROVIDER}) {
            Response forbidden = api.get(refused, "/actuator/prometheus", "text/plain");
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(forbidden.code()).isEqualTo("FORBIDDEN");
            assertThat(forbidden.body()).doesNotContain("ledger_");
        }
        assertThat(api.get(AUDITOR, "/actuator/prometheus", "text/plain").status()).isEqualTo(200);
        assertThat(api.get(OPERATOR, "/actuator/prometheus", "text/plain").status()).isEqualTo(200);
        assertThat(api.get(MARKETPLACE_A, "/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api.get(null, "/actuator/env").status()).isEqualTo(401);
        assertThat(api.get(null, "/actuator/healthdump").status()).isEqualTo(401);
        assertThat(api.get(null, "/actuator").body()).doesNotContain("prometheus");
    }

    @Test
    void theScrapeHoldsUsageByOutcomeAndCodeLagsIntentsAndAxonsProcessorMetrics() {
        String leaseId = Leases.uniqueId("ops-metrics");
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId)).status()).isEqualTo(201);
        assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-02T00:00:00Z", "2026-11-02T01:00:00Z", 3600)).status()).isEqualTo(201);
        Response tooMuch = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-2", "2026-11-02T01:00:00Z", "2026-11-02T02:00:00Z", 8 * 3600 + 1));
        assertThat(tooMuch.code()).isEqualTo("USAGE_EXCEEDS_CAPACITY");

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            String scrape = api.get(OPERATOR, "/actuator/prometheus", "text/plain").body();
            assertThat(scrape)
                    .containsPattern("ledger_usage_reports_total\\{[^}]*code=\"NONE\"[^}]*outcome=\"ACCEPTED\"[^}]*} [1-9]")
                    .containsPattern("ledger_usage_reports_total\\{[^}]*code=\"USAGE_EXCEEDS_CAPACITY\"[^}]*"
                            + "outcome=\"REJECTED\"[^}]*} [1-9]")
                    .containsPattern("ledger_processor_lag\\{[^}]*processor=\"billing\"")
                    .contains("ledger_sealer_lag")
                    .containsPattern("ledger_chain_intents\\{[^}]*state=\"CONFIRMED\"")
                    .containsPattern("ledger_processor_events_total\\{[^}]*outcome=\"HANDLED\"[^}]*processor=\"billing\"[^}]*} [1-9]");
        });
    }

    @Test
    void everyAnswerCarriesTheCallersRequestIdOrANewOne() {
        Response echoed = api.send("GET", "/v1/settlement/epochs", Map.of("Authorization", "Bearer " + AUDITOR,
                "X-Request-Id", "trace-42.a"), null);
        assertThat(echoed.header("X-Request-Id")).isEqualTo("trace-42.a");
        Response refused = api.send("GET", "/v1/settlement/epochs", Map.of("X-Request-Id", "trace-43"), null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("X-Request-Id")).isEqualTo("trace-43");
        Response made = api.get(AUDITOR, "/v1/settlement/epochs");
        assertThat(made.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        Response unsafe = api.send("GET", "/v1/settlement/epochs", Map.of("Authorization", "Bearer " + AUDITOR,
                "X-Request-Id", "a\"b{}"), null);
        assertThat(unsafe.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }
}
