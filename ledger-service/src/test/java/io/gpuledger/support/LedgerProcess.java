package io.gpuledger.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service jar run as an operating-system process of its own, as a deployment runs it:
 * configured only through the environment variables of the API contract. {@link #kill()} ends it
 * the hard way ({@code destroyForcibly}, SIGKILL): no shutdown hook, no graceful stop, whatever it
 * was doing. Its output goes to a file under target/ for a failed test to show.
 */
public final class LedgerProcess implements AutoCloseable {

    /** Fewer connections and a quicker start than a production JVM: the test runs several of these. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xmx512m", "-Dledger.db.pool-size=4");

    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final Path logDir;
    private final String name;
    private final int port;
    private Process process;
    private Path log;
    private int starts;

    public LedgerProcess(String name, Map<String, String> environment) {
        this(name, environment, JVM_OPTIONS);
    }

    /** With these JVM options instead of the tests' (a benchmark gives none: the JVM's defaults, as ./ledger runs it). */
    public LedgerProcess(String name, Map<String, String> environment, List<String> jvmOptions) {
        this.name = name;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.port = freePort();
        this.environment = new HashMap<>(environment);
        this.environment.put("LEDGER_PORT", Integer.toString(port));
        // Plain-text logs, as ./ledger runs it: tests read the output line by line.
        this.environment.putIfAbsent("LEDGER_LOG_FORMAT", "");
        this.logDir = Path.of("target", "ledger-processes");
    }

    public int port() {
        return port;
    }

    /** Starts the service with its environment plus {@code overrides} and waits until it answers. */
    public void start(Map<String, String> overrides) {
        Map<String, String> env = begin(overrides);
        Api api = new Api(port);
        // Without a chain the chain's route answers 503 for good: readiness says it serves then.
        String probe = env.containsKey("LEDGER_CHAIN_RPC_URL") ? "/v1/settlement/chain" : "/actuator/health/readiness";
        await("the ledger process to answer").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the ledger process exited with " + process.exitValue()
                                + "; its output:\n" + tail());
                    }
                    try {
                        return api.get(TestKeys.OPERATOR, probe).status() == 200;
                    } catch (UncheckedIOException notYet) {
                        return false;
                    }
                });
    }

    public void start() {
        start(Map.of());
    }

    /** Starts the service with its environment plus {@code overrides}, without waiting for it: the environment it got. */
    public Map<String, String> begin(Map<String, String> overrides) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the ledger process is running already");
        }
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(overrides);
        log = logDir.resolve(name + "-" + (++starts) + ".log");
        process = launch(jvmOptions, env, List.of(), log);
        return env;
    }

    /** The running process's id, for tools that attach to it (jcmd). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Kills the process at once, as a power cut or the kernel's OOM killer would. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the ledger process did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops the process as a deployment or Ctrl-C does, with a TERM; answers its exit status. */
    public int stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the ledger process did not stop within a minute of its TERM");
            }
            int status = process.exitValue();
            process = null;
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The current run's whole output. */
    public List<String> output() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        kill();
    }

    /** Runs a command of the jar ({@code reconcile}, {@code verify}) with the same environment: exit code and output. */
    public Result runCommand(String command) {
        Path output = logDir.resolve(name + "-" + command + ".log");
        Process run = launch(jvmOptions, environment, List.of(command), output);
        try {
            if (!run.waitFor(120, TimeUnit.SECONDS)) {
                run.destroyForcibly();
                throw new IllegalStateException(command + " did not finish");
            }
            return new Result(run.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Result(int exitCode, String output) {
    }

    /** The end of the current run's output. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static Process launch(List<String> jvmOptions, Map<String, String> env, List<String> arguments, Path output) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(arguments);
        try {
            Files.createDirectories(output.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("LEDGER_EVENT_HMAC_KEY", TestKeys.EVENT_HMAC_KEY);
            builder.environment().putAll(env);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the ledger jar", e);
        }
    }

    /** The jar `mvn package` builds; failsafe runs after it, so a `mvn verify` always has it. */
    private static Path jar() {
        for (Path candidate : List.of(Path.of("target", "ledger-service.jar"),
                Path.of("ledger-service", "target", "ledger-service.jar"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("ledger-service/target/ledger-service.jar is missing: run 'mvn package' "
                + "(or 'mvn verify', which builds it before the integration tests)");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
