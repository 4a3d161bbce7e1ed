package io.gpuledger.audit;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.LedgerApplication;
import io.gpuledger.cli.LedgerCli;
import io.gpuledger.eventstore.EventSealer;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import io.gpuledger.support.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Verification changes nothing: the command runs as a database role that may only read, so any
 * write it tried would fail it. This application's sealer waits (an hour between runs), so the
 * history has events the command could be tempted to seal; the other test applications that share
 * the database keep sealing, so how far the history is sealed can only grow while this test runs.
 */
@TestPropertySource(properties = "ledger.audit.seal-interval=1h")
class VerifyReadOnlyIT extends LedgerIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventSealer sealer;

    @Test
    void theVerifyCommandChecksTheHistoryAsARoleThatMayOnlyRead() throws Exception {
        String leaseId = Leases.uniqueId("read-only");
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId)).status()).isEqualTo(201);
        assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-02T00:00:00Z", "2026-11-02T01:00:00Z", 3600)).status()).isEqualTo(201);
        long sealedThrough = sealer.seal();
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId + "-unsealed")).status()).isEqualTo(201);

        String role = "reader_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String password = UUID.randomUUID().toString();
        jdbc.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
        jdbc.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);

        CommandOutput verify = runCli("verify", withoutUser(TestPostgres.get().url()), role, password,
                "--ledger.audit.verify-progress-every=2");

        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        List<String> progress = verify.err().lines().filter(line -> line.startsWith("verification: ")).toList();
        assertThat(progress).as(verify.err()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(progress.get(0)).matches("verification: 2 of \\d+ events checked \\(\\d+%\\)");
        String last = progress.get(progress.size() - 1);
        long total = Long.parseLong(last.replaceAll("verification: (\\d+) of (\\d+) .*", "$2"));
        assertThat(last).isEqualTo("verification: " + total + " of " + total + " events checked (100%)");
        JsonNode verdict = new ObjectMapper().readTree(verify.out());
        assertThat(verdict.path("ok").asBoolean()).isTrue();
        assertThat(verdict.path("eventsChecked").asLong()).isPositive();
        assertThat(verdict.path("sealedThrough").asLong()).isGreaterThanOrEqualTo(sealedThrough);
        assertThat(verdict.path("eventsUnsealed").asLong()).isNotNegative();
        assertThat(verdict.path("journalTotalUnits").asText()).as("the journal sums to zero").isEqualTo("0");
        assertThat(verdict.has("journalEntriesChecked")).isTrue();
    }

    @Test
    void theVerifyCommandRefusesADatabaseWhoseSchemaIsBehindInsteadOfMigratingIt() throws Exception {
        TestPostgres.Database empty = TestPostgres.freshDatabase("behind");

        CommandOutput verify = runCli("verify", empty.url(), empty.user(), empty.password());

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(2);
        assertThat(verify.err()).contains("verify refused: the database lacks").contains("start the service once");
        try (var connection = java.sql.DriverManager.getConnection(empty.url(), empty.user(), empty.password());
             var tables = connection.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            assertThat(tables.next()).as("no table was created").isFalse();
        }
    }

    private record CommandOutput(int exitCode, String out, String err) {
    }

    /** The URL without a user parameter, which the driver would take over the user the command is given. */
    private static String withoutUser(String url) {
        return url.replaceAll("([?&])user=[^&]*&?", "$1").replaceAll("[?&]$", "");
    }

    /** Runs the command with its own output streams: the running test application logs meanwhile. */
    private static CommandOutput runCli(String command, String url, String user, String password, String... more) {
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(command, "--ledger.db.url=" + url, "--ledger.db.user=" + user,
                "--ledger.db.password=" + password, "--server.port=0"));
        args.addAll(List.of(more));
        int exit = LedgerCli.run(LedgerApplication.class, args.toArray(String[]::new),
                new PrintStream(capturedOut, true, StandardCharsets.UTF_8),
                new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        return new CommandOutput(exit, capturedOut.toString(StandardCharsets.UTF_8),
                capturedErr.toString(StandardCharsets.UTF_8));
    }
}
