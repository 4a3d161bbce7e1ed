package io.gpuledger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.support.Anvil;
import io.gpuledger.support.Api;
import io.gpuledger.support.Leases;
import io.gpuledger.support.SettlementContracts;
import io.gpuledger.support.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * The README's run command on a machine without a database: it starts a local PostgreSQL (data in
 * LEDGER_DATA_DIR) and the ledger on it; a TERM, as Ctrl-C or a deployment sends, stops the ledger
 * before its database, so nothing fails on the way down, and a start on the same folder finds what
 * was written. The service jar itself brings no database.
 */
class LocalDatabaseStopIT {

    private static Anvil anvil;
    private static Map<String, String> environment;
    private static int port;
    private static Path dataDir;
    private Process run;
    private Path log;

    @BeforeAll
    static void start() throws Exception {
        anvil = Anvil.start();
        SettlementContracts contracts = SettlementContracts.deploy(anvil);
        Credentials signer = anvil.fundedAccount(10);
        dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "local-ledger-");
        port = freePort();
        environment = new HashMap<>(contracts.ledgerEnvironment(signer));
        environment.put("LEDGER_DATA_DIR", dataDir.toAbsolutePath().toString());
        environment.put("LEDGER_BOOTSTRAP_KEYS", TestKeys.BOOTSTRAP);
        environment.put("LEDGER_PORT", Integer.toString(port));
        environment.put("LEDGER_SKIP_BUILD", "1");
        environment.put("LEDGER_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m -Dledger.db.pool-size=4");
    }

    @AfterAll
    static void stopAnvil() {
        if (anvil != null) {
            anvil.close();
        }
    }

    @AfterEach
    void killLeftovers() {
        if (run != null && run.isAlive()) {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    @Test
    void aTermStopsTheLedgerBeforeItsDatabaseAndTheNextStartFindsEverything() throws Exception {
        startRunCommand(1);
        Api api = new Api(port);
        String leaseId = Leases.uniqueId("stop");
        assertThat(api.post(TestKeys.MARKETPLACE_A, "/v1/leases", Leases.open(leaseId)).status()).isEqualTo(201);
        List<ProcessHandle> started = run.descendants().toList();

        stopRunCommand();

        assertThat(started).as("the ledger and its local PostgreSQL, all stopped").allMatch(p -> !p.isAlive());
        assertThat(dataDir.resolve("local-postgres.url")).as("the local database's URL file").doesNotExist();
        List<String> trouble = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList();
        assertThat(trouble).as("warnings and errors of a run stopped by TERM").isEmpty();

        startRunCommand(2);
        assertThat(api.get(TestKeys.MARKETPLACE_A, "/v1/leases/" + leaseId).status()).isEqualTo(200);
        stopRunCommand();
    }

    private void startRunCommand(int attempt) throws IOException {
        log = Path.of("target", "ledger-processes", "run-command-" + attempt + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder("bash", "ledger").directory(repositoryRoot().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        run = builder.start();
        Api api = new Api(port);
        await("the run command's ledger to answer").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!run.isAlive()) {
                        throw new IllegalStateException("the run command exited with " + run.exitValue() + ": "
                                + Files.readString(log, StandardCharsets.UTF_8));
                    }
                    try {
                        return api.get(TestKeys.OPERATOR, "/v1/settlement/chain").status() == 200;
                    } catch (UncheckedIOException notYet) {
                        return false;
                    }
                });
    }

    private void stopRunCommand() throws InterruptedException {
        run.destroy();
        assertThat(run.waitFor(90, TimeUnit.SECONDS)).as("the run command stopped within 90 s of its TERM").isTrue();
    }

    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("ledger")) ? here : here.getParent();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
