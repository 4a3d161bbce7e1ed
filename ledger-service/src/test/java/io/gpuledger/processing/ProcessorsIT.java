package io.gpuledger.processing;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MARKETPLACE_B;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.cli.ProcessorsCommand;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.LedgerTables;
import io.gpuledger.support.Leases;
import io.gpuledger.support.Projections;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The processors as an operator sees them: their status and lag, and a reset through the command
 * line that rebuilds the billing views from the event store to the same rows.
 */
class ProcessorsIT extends LedgerIT {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void aResetRebuildsTheBillingViewsToTheSameRowsWithItsProgressInTheStatus() throws Exception {
        String provider = Leases.uniqueId("proc-prov");
        for (String[] lease : List.of(new String[] {MARKETPLACE_A, Leases.uniqueId("proc")},
                new String[] {MARKETPLACE_B, Leases.uniqueId("proc")})) {
            ok(api.post(lease[0], "/v1/leases", Leases.open(lease[1], provider, "proc-tenant", 4, "1000001", 250,
                    "2026-11-01T00:00:00Z", null)));
            ok(api.post(lease[0], "/v1/leases/" + lease[1] + "/usage",
                    Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 14399)));
            ok(api.post(lease[0], "/v1/leases/" + lease[1] + "/usage",
                    Leases.usage("r-2", "2026-11-01T01:00:00Z", "2026-11-01T02:00:00Z", 7)));
        }
        new Projections(processing, new LedgerTables(jdbc)).awaitCaughtUp();
        JsonNode billing = billingStatus();
        assertThat(billing.get("segments").asInt()).isEqualTo(2);
        assertThat(billing.get("segmentsClaimed").asInt()).isEqualTo(2);
        assertThat(billing.get("runningHere").asBoolean()).isTrue();
        assertThat(billing.get("replaying").asBoolean()).isFalse();
        assertThat(billing.get("lag").asLong()).isZero();
        assertThat(billing.get("deadLetters").asLong()).isZero();
        List<Map<String, Object>> before = rowsOf(provider);
        assertThat(before).hasSize(2);

        Run reset = cli("processors", "reset", "billing");
        assertThat(reset.exit()).as(reset.err()).isZero();
        JsonNode resetStatus = new ObjectMapper().readTree(reset.out());
        assertThat(resetStatus.get("name").asText()).isEqualTo("billing");
        assertThat(resetStatus.get("replaying").asBoolean()).as("the reset answers before the replay is done").isTrue();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode status = billingStatus();
            return !status.get("replaying").asBoolean() && status.get("lag").asLong() == 0
                    && status.get("runningHere").asBoolean();
        });
        assertThat(rowsOf(provider)).isEqualTo(before);

        Run status = cli("processors");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("\"name\":\"billing\"", "\"name\":\"journal\"");
        Run unknown = cli("processors", "reset", "no-such-processor");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("PROCESSOR_NOT_FOUND");
    }

    @Test
    void billingsSegmentsMergeSplitAndReleaseWhileItsViewsKeepUp() throws Exception {
        assertThat(billingStatus().get("segments").asInt()).isEqualTo(2);
        assertRefused(segmentChange("billing", "0", "split"), 409, "PROCESSOR_THREADS_TOO_FEW");
        assertRefused(segmentChange("journal", "0", "split"), 409, "PROCESSOR_NOT_SPLITTABLE");
        assertRefused(segmentChange("journal", "0", "merge"), 409, "PROCESSOR_SEGMENT_NOT_MERGEABLE");
        assertRefused(segmentChange("billing", "7", "merge"), 404, "PROCESSOR_SEGMENT_NOT_FOUND");
        assertRefused(segmentChange("billing", "-1", "release"), 404, "PROCESSOR_SEGMENT_NOT_FOUND");
        assertRefused(segmentChange("no-such-processor", "0", "release"), 404, "PROCESSOR_NOT_FOUND");
        assertThat(billingStatus().get("segments").asInt()).as("a refused change changes nothing").isEqualTo(2);

        Run merged = cli("processors", "merge", "billing", "0");
        assertThat(merged.exit()).as(merged.err()).isZero();
        assertThat(new ObjectMapper().readTree(merged.out()).get("segments").asInt()).isEqualTo(1);
        String lease = openLeaseWithUsage("r-1", 3600);
        awaitRecorded(lease, 3600);

        Response split = segmentChange("billing", "0", "split");
        assertThat(split.status()).as(split.toString()).isEqualTo(200);
        assertThat(split.json().get("segments").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> billingStatus().get("segmentsClaimed").asInt() == 2);
        ok(api.post(MARKETPLACE_A, "/v1/leases/" + lease + "/usage",
                Leases.usage("r-2", "2026-11-01T01:00:00Z", "2026-11-01T02:00:00Z", 100)));
        awaitRecorded(lease, 3700);

        Response released = segmentChange("billing", "1", "release");
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        await("segment 1 released, so that another instance may claim it").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50)).until(() -> segmentOwner(1) == null);
        ok(api.post(MARKETPLACE_A, "/v1/leases/" + lease + "/usage",
                Leases.usage("r-3", "2026-11-01T02:00:00Z", "2026-11-01T03:00:00Z", 20)));
        await().atMost(Duration.ofSeconds(60)).until(() -> segmentOwner(1) != null);
        awaitRecorded(lease, 3720);
        assertThat(billingStatus().get("segmentsClaimed").asInt()).isEqualTo(2);
    }

    @Test
    void theCommandNeedsAnOperatorKey() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ProcessorsCommand.run(new String[] {"processors"}, Map.of("LEDGER_URL", "http://localhost:" + port),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("LEDGER_OPERATOR_KEY");
    }

    private Response segmentChange(String processor, String segment, String change) {
        return api.post(OPERATOR, "/v1/processors/" + processor + "/segments/" + segment + "/" + change, "{}");
    }

    private static void assertRefused(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
    }

    private String openLeaseWithUsage(String reportId, long gpuSeconds) {
        String lease = Leases.uniqueId("segments");
        ok(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(lease, Leases.uniqueId("seg-prov"), "seg-tenant", 4,
                "1000001", 250, "2026-11-01T00:00:00Z", null)));
        ok(api.post(MARKETPLACE_A, "/v1/leases/" + lease + "/usage",
                Leases.usage(reportId, "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", gpuSeconds)));
        return lease;
    }

    private void awaitRecorded(String lease, long gpuSeconds) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.queryForList(
                "SELECT gpu_seconds_recorded FROM lease_view WHERE lease_id = ?", Long.class, lease)
                .equals(List.of(gpuSeconds)));
    }

    private String segmentOwner(int segment) {
        return jdbc.queryForObject("SELECT owner FROM token_entry WHERE processor_name = 'billing' AND segment = ?",
                String.class, segment);
    }

    private JsonNode billingStatus() {
        Response response = api.get(OPERATOR, "/v1/processors");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        for (JsonNode processor : response.json().get("processors")) {
            if (processor.get("name").asText().equals("billing")) {
                return processor;
            }
        }
        throw new AssertionError("no billing processor in " + response);
    }

    /** The provider's leases in lease_view, but their numbers, which a rebuild assigns anew. */
    private List<Map<String, Object>> rowsOf(String provider) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT * FROM lease_view WHERE provider_id = ? ORDER BY marketplace_id, lease_id", provider);
        rows.forEach(row -> row.remove("lease_ref"));
        return rows;
    }

    private record Run(int exit, String out, String err) {
    }

    private Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ProcessorsCommand.run(args, Map.of("LEDGER_URL", "http://localhost:" + port,
                "LEDGER_OPERATOR_KEY", OPERATOR), new PrintStream(out), new PrintStream(err));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void ok(Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 201);
    }
}
