package io.gpuledger.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api;
import io.gpuledger.support.LedgerProcess;
import io.gpuledger.support.TestKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The growth benchmark (docs/PERFORMANCE.md, "Growth"): how the ledger's figures move as its store fills.
 * A durable PostgreSQL with its data directory on disk, the packaged ledger as a process of its own (so that it
 * can be restarted and its heap measured from outside), and {@code clients} HTTP clients that fill the store
 * through POST /v1/usage:batch, {@code batchSize} reports a batch over as many leases, each lease's periods
 * following one another. After a warm-up of {@code warmupSeconds}, not measured, at each checkpoint
 * ({@code checkpoints}, in millions of reports) it measures:
 * <ol>
 *   <li>accepted reports/s over a {@code windowSeconds} window of batches;</li>
 *   <li>the ledger's live heap: {@code jcmd PID GC.run}, then the used heap of {@code jcmd PID GC.heap_info};</li>
 *   <li>a restart (TERM, then a new process): the seconds until readiness is UP and a lease is served;</li>
 *   <li>the first batch after it, one report for every lease (batches of 10,000, one after another);</li>
 *   <li>a rebuild of the billing projection through POST /v1/processors/billing/reset, until it has caught up
 *       with the store's head, in seconds per million events.</li>
 * </ol>
 * Before filling past a small sample it measures the database's bytes per report and refuses a fill the disk
 * under {@code dataDir} cannot hold.
 */
public final class GrowthBench {

    private static final int MAX_BATCH_REPORTS = 10_000;
    private static final String SERVED_LEASE = "/v1/leases/lease-00000";
    private static final Duration STALLED_AFTER = Duration.ofMinutes(3);
    private final Map<String, String> args;
    private final List<Checkpoint> measured = new ArrayList<>();
    private LedgerProcess ledger;
    private Api operator;
    private BenchHttp api;
    private UsageBatches batches;
    private DiskBudget disk;
    private long accepted;

    private GrowthBench(Map<String, String> args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String arg : argv) {
            String[] kv = arg.split("=", 2);
            args.put(kv[0], kv[1]);
        }
        new GrowthBench(args).run();
        System.exit(0);
    }

    private int arg(String name, int fallback) {
        return Integer.parseInt(args.getOrDefault(name, Integer.toString(fallback)));
    }

    private void run() throws Exception {
        long[] checkpoints = Arrays.stream(args.getOrDefault("checkpoints", "0,10,25,50").split(","))
                .mapToLong(millions -> Math.round(Double.parseDouble(millions.trim()) * 1_000_000)).sorted().toArray();
        int leases = arg("leases", 10_000);
        if (leases < 1 || leases > 99_999) {
            throw new IllegalArgumentException("leases must be from 1 to 99,999 (lease ids have five digits)");
        }
        Path pgdata = Path.of(args.getOrDefault("dataDir", "target/growth-bench")).toAbsolutePath().resolve("pgdata");
        if (Files.isDirectory(pgdata)) {
            try (var entries = Files.list(pgdata)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException(pgdata + " is not empty (left by an earlier run that did not end"
                            + " cleanly?): remove it or give another dataDir=");
                }
            }
        }
        Files.createDirectories(pgdata);
        try (EmbeddedPostgres postgres = BenchDatabase.durable(args).setDataDirectory(pgdata)
                .setCleanDataDirectory(true).start()) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            startLedger(jdbcUrl);
            try {
                api.openLeases(leases, "POSTPAID", 0, "");
                disk = new DiskBudget(pgdata, databaseBytes(jdbcUrl), Long.parseLong(args.getOrDefault("reserveGb", "5")));
                System.out.printf("opened %,d leases; PostgreSQL's data in %s (%s free), with fsync and synchronous_commit on%n",
                        leases, pgdata, DiskBudget.gigabytes(disk.usable()));
                batches = new UsageBatches(api, leases, arg("clients", 4), arg("batchSize", 1000), false);
                long last = checkpoints[checkpoints.length - 1];
                warmUp();
                for (long checkpoint : checkpoints) {
                    fill(jdbcUrl, checkpoint, last);
                    measured.add(measure(jdbcUrl, checkpoint, last));
                }
            } finally {
                ledger.close();
            }
        }
        GrowthTable.print(measured);
    }

    private void startLedger(String jdbcUrl) {
        List<String> jvmOptions = args.getOrDefault("ledgerJavaOpts", "").isBlank() ? List.of()
                : List.of(args.get("ledgerJavaOpts").trim().split("\\s+"));
        ledger = new LedgerProcess("growth", Map.of("LEDGER_DB_URL", jdbcUrl,
                "LEDGER_BOOTSTRAP_KEYS", TestKeys.BOOTSTRAP, "LOGGING_LEVEL_ROOT", "WARN"), jvmOptions);
        Runtime.getRuntime().addShutdownHook(new Thread(ledger::kill));
        ledger.start();
        operator = new Api(ledger.port());
        api = new BenchHttp(TestKeys.MARKETPLACE_A, List.of("http://127.0.0.1:" + ledger.port()));
        System.out.printf("ledger process %d on port %d, JVM options %s%n", ledger.pid(), ledger.port(),
                jvmOptions.isEmpty() ? "none (the JVM's defaults, as ./ledger runs it)" : jvmOptions);
    }

    /**
     * Batches for {@code warmupSeconds} (60) before the first checkpoint, not measured: the JIT compiles the hot
     * paths, as the fill has done for every later checkpoint. Its reports count in the store.
     */
    private void warmUp() throws Exception {
        UsageBatches.Result warmup = batches.forSeconds(arg("warmupSeconds", 60), new Latencies());
        accepted += warmup.accepted();
        System.out.printf("warm-up (not measured): %,d reports, %,.0f reports/s%n", warmup.accepted(), warmup.perSecond());
    }

    /** Batches until {@code checkpoint} reports are accepted; after a sample, only if the disk can hold {@code last}. */
    private void fill(String jdbcUrl, long checkpoint, long last) throws Exception {
        long start = System.nanoTime();
        long from = accepted;
        long sample = Long.parseLong(args.getOrDefault("sampleReports", "100000"));
        while (accepted < checkpoint) {
            long chunk = disk.measured() ? 500_000 : Math.max(1, sample - accepted);
            accepted += batches.until(Math.min(chunk, checkpoint - accepted), new Latencies()).accepted();
            disk.check(databaseBytes(jdbcUrl), accepted, last);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("  filling: %,d reports, %,.0f reports/s since %,d, database %s%n", accepted,
                    (accepted - from) / seconds, from, DiskBudget.gigabytes(databaseBytes(jdbcUrl)));
        }
    }

    private Checkpoint measure(String jdbcUrl, long checkpoint, long last) throws Exception {
        awaitProjections();
        UsageBatches.Result window = batches.forSeconds(arg("windowSeconds", 20), new Latencies());
        accepted += window.accepted();
        disk.check(databaseBytes(jdbcUrl), accepted, last);
        awaitProjections();
        long heapBytes = LiveHeap.afterFullGc(ledger.pid());
        double serveSeconds = restart();
        long firstBatchStart = System.nanoTime();
        accepted += batches.everyLease(MAX_BATCH_REPORTS);
        double firstBatchSeconds = (System.nanoTime() - firstBatchStart) / 1e9;
        awaitProjections();
        Rebuild rebuild = rebuildBilling();
        Checkpoint row = new Checkpoint(checkpoint, accepted, rebuild.events(), window.perSecond(), heapBytes,
                serveSeconds, firstBatchSeconds, rebuild.seconds(), databaseBytes(jdbcUrl));
        System.out.println("checkpoint " + row.describe());
        return row;
    }

    /** Stops the ledger with a TERM and starts it again: seconds from the start until readiness is UP and a lease is served. */
    private double restart() {
        int status = ledger.stop();
        if (status != 0 && status != 143) {
            throw new IllegalStateException("the ledger exited with " + status + " on its TERM");
        }
        long start = System.nanoTime();
        ledger.start();
        var served = api.send(api.get(SERVED_LEASE));
        if (served.statusCode() != 200) {
            throw new IllegalStateException("the restarted ledger did not serve " + SERVED_LEASE + ": " + served.body());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private record Rebuild(long events, double seconds) {
    }

    /** Resets the billing processor and waits until its replay is over and it has reached the store's head. */
    private Rebuild rebuildBilling() {
        long start = System.nanoTime();
        Api.Response reset = operator.post(TestKeys.OPERATOR, "/v1/processors/billing/reset", "{}");
        if (reset.status() != 202) {
            throw new IllegalStateException("the billing reset was refused: " + reset);
        }
        awaitProcessors("the billing projection's rebuild", Duration.ofHours(12), processors -> {
            JsonNode billing = named(processors, "billing");
            return !billing.path("replaying").asBoolean() && billing.path("lag").asLong() == 0;
        });
        return new Rebuild(processor("billing").path("head").asLong(), (System.nanoTime() - start) / 1e9);
    }

    /** Waits until every tracking processor has handled every stored event. */
    private void awaitProjections() {
        awaitProcessors("the projections to catch up", Duration.ofHours(2), processors -> {
            for (JsonNode p : processors) {
                if (p.path("lag").asLong() != 0 || p.path("replaying").asBoolean()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Waits until {@code done}; gives up when no processor has moved for {@link #STALLED_AFTER}. */
    private void awaitProcessors(String what, Duration atMost, Predicate<JsonNode> done) {
        long[] lastMove = {System.nanoTime()};
        String[] lastPositions = {""};
        await(what).atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode processors = processors();
            if (done.test(processors)) {
                return true;
            }
            String positions = processors.findValuesAsText("position").toString();
            if (!positions.equals(lastPositions[0])) {
                lastPositions[0] = positions;
                lastMove[0] = System.nanoTime();
            } else if (System.nanoTime() - lastMove[0] > STALLED_AFTER.toNanos()) {
                throw new IllegalStateException("waiting for " + what + ", no processor moved for " + STALLED_AFTER
                        + ": " + processors + "; the ledger's log is in target/ledger-processes/");
            }
            return false;
        });
    }

    private JsonNode processor(String name) {
        return named(processors(), name);
    }

    private static JsonNode named(JsonNode processors, String name) {
        for (JsonNode p : processors) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new IllegalStateException("no processor " + name);
    }

    private JsonNode processors() {
        Api.Response status = operator.get(TestKeys.OPERATOR, "/v1/processors");
        if (status.status() != 200) {
            throw new IllegalStateException("GET /v1/processors: " + status);
        }
        return status.json().path("processors");
    }

    /** The database's files, without the write-ahead log (bounded by max_wal_size, 1 GB by default). */
    private static long databaseBytes(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
