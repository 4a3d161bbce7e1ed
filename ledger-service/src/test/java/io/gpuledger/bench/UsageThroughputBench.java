package io.gpuledger.bench;

import static io.gpuledger.bench.UsageReports.GPUS;
import static io.gpuledger.bench.UsageReports.LEASE_START;
import static io.gpuledger.bench.UsageReports.PERIOD_SECONDS;

import io.gpuledger.LedgerApplication;
import io.gpuledger.platform.IdempotentWrites;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The usage-path benchmark (docs/PERFORMANCE.md). One process: a durable PostgreSQL (fsync and
 * synchronous commits on), the ledger on it, and clients over HTTP on loopback.
 *
 * <ol>
 *   <li>opens {@code leases} leases;</li>
 *   <li>{@code clients} concurrent clients send {@code batchSize}-report batches to POST /v1/usage:batch
 *       for {@code seconds}; each client reports for its own share of the leases, as a marketplace's
 *       meter agents would;</li>
 *   <li>single-report calls at a fixed {@code singleRate} requests/s (open loop, latency measured from
 *       the scheduled send time, so a slow server cannot hide its queueing);</li>
 *   <li>the baseline: the same number of reports inserted with plain JDBC batches of the same size
 *       into a bare table in the same database, from the same number of threads, each batch one commit.</li>
 * </ol>
 * Arguments are {@code key=value}: seconds, rounds, warmupSeconds, leases, clients, batchSize, singleSeconds,
 * singleRate. With {@code signed=true} each round also sends signed reports (half as many as the plain ones
 * accepted, signed before the timing starts) to as many leases that name a meter signer, for as long, and prints
 * their rate as a ratio of the plain reports' in the same round.
 */
public final class UsageThroughputBench {

    private static final String KEY = "bench-marketplace-key-0001";
    /** Signed leases are numbered from here, so their ids have the plain leases' length. */
    private static final int SIGNED_LEASES_FROM = 50_000;
    private static final String MARKETPLACE = "bench";
    // anvil's dev account 0, a public test key, and the domain of anvil's first deployment: no chain is needed to check signatures.
    private static final BenchMeter METER = new BenchMeter(new java.math.BigInteger(
            "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", 16));
    private static final String METER_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    private static final io.gpuledger.chain.UsageSigningDomain DOMAIN =
            new io.gpuledger.chain.UsageSigningDomain(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3");

    private final Map<String, String> args;
    private BenchHttp api;
    /** Which instance a client's batch goes to: its own ({@code client}), or the next one each batch ({@code batch}). */
    private boolean spreadEachBatch;

    private UsageThroughputBench(Map<String, String> args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new java.util.HashMap<>();
        for (String arg : argv) {
            String[] kv = arg.split("=", 2);
            args.put(kv[0], kv[1]);
        }
        new UsageThroughputBench(args).run();
        System.exit(0);
    }

    private int arg(String name, int fallback) {
        return Integer.parseInt(args.getOrDefault(name, Integer.toString(fallback)));
    }

    private void run() throws Exception {
        int seconds = arg("seconds", 60);
        int leases = arg("leases", 1000);
        int clients = arg("clients", 4);
        int batchSize = arg("batchSize", 1000);
        int singleSeconds = arg("singleSeconds", 20);
        int singleRate = arg("singleRate", 500);

        boolean pgStatements = Boolean.parseBoolean(args.getOrDefault("pgStatements", "false"));
        boolean signed = Boolean.parseBoolean(args.getOrDefault("signed", "false"));
        EmbeddedPostgres.Builder database = BenchDatabase.durable(args);
        if (pgStatements) {
            database.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        EmbeddedPostgres postgres = database.start();
        String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        PgStatements statements = pgStatements ? PgStatements.install(jdbcUrl) : PgStatements.NONE;
        // instances=N: N ledgers on the one database, as N processes behind a load balancer would be
        // (here in one JVM, so that the CPU figures still cover them all).
        int instances = arg("instances", 1);
        spreadEachBatch = args.getOrDefault("spread", "client").equals("batch");
        List<ConfigurableApplicationContext> ledgers = new ArrayList<>();
        List<String> baseUrls = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            List<String> settings = new ArrayList<>(List.of("--server.port=0", "--ledger.db.url=" + jdbcUrl,
                    "--ledger.db.user=postgres", "--ledger.audit.event-hmac-key=" + io.gpuledger.support.TestKeys.EVENT_HMAC_KEY,
                    "--ledger.bootstrap-keys=" + KEY + ":" + MARKETPLACE + ":MARKETPLACE", "--logging.level.root=WARN"));
            if (signed) {
                // The signing domain alone: signatures are checked without a chain node.
                settings.addAll(List.of("--ledger.chain.chain-id=" + DOMAIN.chainId(),
                        "--ledger.chain.anchor-address=" + DOMAIN.verifyingContract()));
            }
            ConfigurableApplicationContext ledger = new SpringApplication(LedgerApplication.class)
                    .run(settings.toArray(String[]::new));
            ledgers.add(ledger);
            baseUrls.add("http://127.0.0.1:" + ledger.getEnvironment().getProperty("local.server.port"));
        }
        System.out.printf("ledger%s on %s, PostgreSQL with fsync and synchronous_commit on%n",
                instances > 1 ? "s" : "", String.join(", ", baseUrls));

        api = new BenchHttp(KEY, baseUrls);
        String billing = args.getOrDefault("billing", "POSTPAID");
        api.openLeases(leases, billing, 0, "");
        if (signed) {
            api.openLeases(leases, billing, SIGNED_LEASES_FROM, ",\"meterSigner\":\"" + METER_ADDRESS + "\"");
        }
        System.out.printf("opened %d %s leases%s%n", leases, billing, signed ? ", and as many whose meter signs each report" : "");

        // Rounds alternate the ledger and the baseline so that both see the same machine: on a
        // shared, noisy host the per-round ratio is steadier than either absolute figure.
        int rounds = arg("rounds", 3);
        int roundSeconds = Math.max(1, seconds / rounds);
        Latencies batchLatencies = new Latencies();
        long accepted = 0;
        double ledgerSeconds = 0;
        double catchUpSeconds = 0;
        double baselineSeconds = 0;
        long mostBehind = 0;
        List<Double> ratios = new ArrayList<>();
        List<Double> projectedRatios = new ArrayList<>();
        UsageBatches batches = new UsageBatches(api, leases, clients, batchSize, spreadEachBatch);
        int[] nextSignedPeriod = new int[clients];
        long signedMeasured = 0;
        double signedSeconds = 0;
        double signedCatchUpSeconds = 0;
        List<Double> signedRatios = new ArrayList<>();
        ProcessCpu.Reading signedCpu = ProcessCpu.Reading.ZERO;
        Latencies signedLatencies = new Latencies();
        ProcessCpu cpu = ProcessCpu.of(jdbcUrl);
        ProcessCpu.Reading ledgerCpu = ProcessCpu.Reading.ZERO;
        ProcessCpu.Reading baselineCpu = ProcessCpu.Reading.ZERO;
        createBaselineTable(jdbcUrl);
        // As in any JVM benchmark, a warm-up lets the JIT compile the hot paths of both sides first;
        // its figures are printed but not counted.
        int warmupSeconds = arg("warmupSeconds", 90);
        if (warmupSeconds > 0) {
            UsageBatches.Result warmup = batches.forSeconds(warmupSeconds, new Latencies());
            accepted += warmup.accepted();
            awaitProjection(jdbcUrl, accepted);
            awaitSeals(jdbcUrl);
            double warmupBaselineSeconds = baseline(jdbcUrl, 0, warmup.accepted(), clients, batchSize);
            System.out.printf("warm-up (not counted): ledger %,.0f reports/s, baseline %,.0f rows/s%n",
                    warmup.accepted() / warmup.seconds(), warmup.accepted() / warmupBaselineSeconds);
            if (signed) {
                List<List<String>> bodies = signedBatches(warmup.accepted() / 2, leases, clients, batchSize, nextSignedPeriod);
                UsageBatches.Result signedWarmup = sendBatches(warmupSeconds, clients, bodies, new Latencies());
                accepted += signedWarmup.accepted();
                awaitProjection(jdbcUrl, accepted);
                awaitSeals(jdbcUrl);
                System.out.printf("signed warm-up (not counted): %,.0f reports/s%n", signedWarmup.accepted() / signedWarmup.seconds());
            }
        }
        long measured = 0;
        statements.reset();
        for (int round = 1; round <= rounds; round++) {
            ProcessCpu.Reading roundStart = cpu.read();
            UsageBatches.Result batch = batches.forSeconds(roundSeconds, batchLatencies);
            accepted += batch.accepted();
            measured += batch.accepted();
            // The baseline gets a quiet machine: the billing projection first catches up with every
            // accepted report, so none of the ledger's deferred work runs in the baseline's time.
            CatchUp caughtUp = awaitProjection(jdbcUrl, accepted);
            // The sealer's catch-up is the ledger's work too: its CPU counts for the ledger, not the
            // baseline, though its time does not count in the rates (it seals an interval behind).
            long sealerBehind = awaitSeals(jdbcUrl);
            ProcessCpu.Reading ledgerDone = cpu.read();
            ledgerCpu = ledgerCpu.plus(ledgerDone.minus(roundStart));
            if (signed) {
                statements.pause();
                // Signed before the clock starts: half as many reports as the plain ones accepted, what the
                // round takes at the target of 0.5 (a faster path ends its round early, at the same rate).
                long signingStart = System.nanoTime();
                List<List<String>> bodies = signedBatches(batch.accepted() / 2, leases, clients, batchSize, nextSignedPeriod);
                double signingSeconds = (System.nanoTime() - signingStart) / 1e9;
                ProcessCpu.Reading signedStart = cpu.read();
                UsageBatches.Result signedBatch = sendBatches(roundSeconds, clients, bodies, signedLatencies);
                accepted += signedBatch.accepted();
                signedMeasured += signedBatch.accepted();
                CatchUp signedCaughtUp = awaitProjection(jdbcUrl, accepted);
                awaitSeals(jdbcUrl);
                signedCpu = signedCpu.plus(cpu.read().minus(signedStart));
                signedSeconds += signedBatch.seconds();
                signedCatchUpSeconds += signedCaughtUp.seconds();
                double signedRatio = signedBatch.accepted() / signedBatch.seconds() / (batch.accepted() / batch.seconds());
                signedRatios.add(signedRatio);
                System.out.printf("round %d, signed: %,.0f reports/s (%,d accepted; the client signed them in %.1f s"
                                + " before), %.2f of the plain reports' rate%n", round,
                        signedBatch.accepted() / signedBatch.seconds(), signedBatch.accepted(), signingSeconds, signedRatio);
                statements.resume();
            }
            ProcessCpu.Reading baselineStart = cpu.read();
            statements.pause();
            double baselineRoundSeconds = baseline(jdbcUrl, round, batch.accepted(), clients, batchSize);
            ProcessCpu.Reading baselineDone = cpu.read();
            statements.resume();
            baselineCpu = baselineCpu.plus(baselineDone.minus(baselineStart));
            ledgerSeconds += batch.seconds();
            catchUpSeconds += caughtUp.seconds();
            baselineSeconds += baselineRoundSeconds;
            mostBehind = Math.max(mostBehind, caughtUp.behind());
            double ratio = baselineRoundSeconds / batch.seconds();
            double projectedRatio = baselineRoundSeconds / (batch.seconds() + caughtUp.seconds());
            ratios.add(ratio);
            projectedRatios.add(projectedRatio);
            System.out.printf("round %d: ledger %,.0f reports/s, baseline %,.0f rows/s, ratio %.2f;"
                            + " projected too (%,d behind, %.1f s more): %,.0f reports/s, ratio %.2f;"
                            + " sealer %,d events behind%n", round,
                    batch.accepted() / batch.seconds(), batch.accepted() / baselineRoundSeconds, ratio,
                    caughtUp.behind(), caughtUp.seconds(), batch.accepted() / (batch.seconds() + caughtUp.seconds()),
                    projectedRatio, sealerBehind);
        }
        statements.print(measured);
        statements.startCalls();
        int firstSinglePeriod = batches.lastPeriod() + 1;
        Latencies single = singlePhase(singleSeconds, singleRate, leases, firstSinglePeriod);
        statements.printPerCall(single.count());

        ratios.sort(Double::compare);
        projectedRatios.sort(Double::compare);
        System.out.println();
        System.out.println("== usage path ==");
        System.out.printf("batch: %d clients x %d reports/batch, %d rounds, %.1f s in all%n", clients, batchSize,
                rounds, ledgerSeconds);
        System.out.printf("accepted reports/s        %,.0f  (%,d accepted)%n", measured / ledgerSeconds, measured);
        System.out.printf("accepted and projected/s  %,.0f  (the billing projection trailed by up to %,d reports"
                + " and took %.1f s more in all)%n", measured / (ledgerSeconds + catchUpSeconds), mostBehind,
                catchUpSeconds);
        System.out.printf("batch latency p50 / p99   %.1f ms / %.1f ms  (%d batches)%n",
                batchLatencies.percentileMillis(50), batchLatencies.percentileMillis(99), batchLatencies.count());
        System.out.printf("single report at %d/s for %d s: p50 / p99 %.1f ms / %.1f ms  (%d calls)%n", singleRate,
                singleSeconds, single.percentileMillis(50), single.percentileMillis(99), single.count());
        System.out.printf("baseline JDBC inserts/s   %,.0f%n", measured / baselineSeconds);
        System.out.printf("ratio ledger / baseline   %.2f overall, %.2f median of rounds%n",
                baselineSeconds / ledgerSeconds, ratios.get(ratios.size() / 2));
        System.out.printf("ratio, projected too      %.2f overall, %.2f median of rounds%n",
                baselineSeconds / (ledgerSeconds + catchUpSeconds), projectedRatios.get(projectedRatios.size() / 2));
        // CPU of the batches and the catch-up (clients included) against CPU of the baseline's rounds.
        System.out.printf("CPU per report            %s%n", ledgerCpu.perItem(measured));
        System.out.printf("CPU per baseline row      %s%n", baselineCpu.perItem(measured));
        System.out.printf("ratio of CPU per row      %.2f (baseline / ledger)%n",
                baselineCpu.perItemMicros(measured) / ledgerCpu.perItemMicros(measured));

        if (instances > 1) {
            long requests = batchLatencies.count() + single.count();
            long retried = ledgers.stream().mapToLong(l -> l.getBean(IdempotentWrites.class).conflictsRetried()).sum();
            System.out.printf("instances %d (%s): %,d of %,d requests run again after losing a race to another"
                    + " instance (%.2f%%)%n", instances, spreadEachBatch ? "each batch to the next instance"
                    : "each client to its own instance", retried, requests, 100.0 * retried / Math.max(1, requests));
        }

        if (signed) {
            signedRatios.sort(Double::compare);
            System.out.println();
            System.out.println("== signed usage (every report carries the meter's EIP-712 signature) ==");
            System.out.printf("signed reports/s          %,.0f  (%,d accepted; plain %,.0f in the same rounds)%n",
                    signedMeasured / signedSeconds, signedMeasured, measured / ledgerSeconds);
            System.out.printf("ratio signed / plain      %.2f overall, %.2f median of rounds; projected too %.2f%n",
                    (signedMeasured / signedSeconds) / (measured / ledgerSeconds), signedRatios.get(signedRatios.size() / 2),
                    (signedMeasured / (signedSeconds + signedCatchUpSeconds)) / (measured / (ledgerSeconds + catchUpSeconds)));
            System.out.printf("signed batch p50 / p99    %.1f ms / %.1f ms%n", signedLatencies.percentileMillis(50),
                    signedLatencies.percentileMillis(99));
            System.out.printf("CPU per signed report     %s%n", signedCpu.perItem(signedMeasured));
        }

        ledgers.forEach(ConfigurableApplicationContext::close);
        postgres.close();
    }

    /**
     * Each client's batches of signed reports, signed now (on every core): {@code count} reports in all,
     * in whole batches, each client cycling over its own signed leases as {@link UsageBatches} does.
     */
    private static List<List<String>> signedBatches(long count, int leases, int clients, int batchSize,
                                                    int[] nextPeriod) throws Exception {
        int batchesPerClient = (int) Math.max(1, (count + (long) clients * batchSize - 1) / ((long) clients * batchSize));
        ExecutorService signers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<java.util.concurrent.Future<List<String>>> signing = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                signing.add(signers.submit(() -> {
                    List<String> batches = new ArrayList<>(batchesPerClient);
                    int period = nextPeriod[client];
                    int next = 0;
                    for (int b = 0; b < batchesPerClient; b++) {
                        StringBuilder body = new StringBuilder(batchSize * 280).append("{\"reports\":[");
                        for (int r = 0; r < batchSize; r++) {
                            int lease = SIGNED_LEASES_FROM + client + next * clients;
                            if (r > 0) {
                                body.append(',');
                            }
                            appendSignedReport(body, lease, period);
                            if (++next * clients + client >= leases) {
                                next = 0;
                                period++;
                            }
                        }
                        batches.add(body.append("]}").toString());
                    }
                    nextPeriod[client] = period + 1;
                    return batches;
                }));
            }
            List<List<String>> bodies = new ArrayList<>();
            for (java.util.concurrent.Future<List<String>> batches : signing) {
                bodies.add(batches.get());
            }
            return bodies;
        } finally {
            signers.shutdown();
        }
    }

    /** A report as {@link UsageReports#appendReport} writes it, with the meter's signature of its fields. */
    private static void appendSignedReport(StringBuilder body, int lease, int period) {
        UsageReports.appendReport(body, lease, period);
        Instant start = LEASE_START.plusSeconds((long) period * PERIOD_SECONDS);
        byte[] digest = io.gpuledger.usage.MeterSignatures.digest(DOMAIN, MARKETPLACE, "lease-%05d".formatted(lease), "r-" + period, start,
                start.plusSeconds(PERIOD_SECONDS), GPUS * PERIOD_SECONDS - period % 7);
        body.setLength(body.length() - 1);
        body.append(",\"signature\":\"").append(METER.sign(digest)).append("\"}");
    }

    /** Sends each client's batches, one at a time, until they run out or {@code seconds} pass. */
    private UsageBatches.Result sendBatches(int seconds, int clients, List<List<String>> bodies, Latencies latencies)
            throws Exception {
        AtomicLong accepted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            running.add(pool.submit(() -> {
                int sent = 0;
                for (String body : bodies.get(client)) {
                    if (System.nanoTime() >= deadline) {
                        break;
                    }
                    int instance = spreadEachBatch ? client + sent++ : client;
                    long sentAt = System.nanoTime();
                    HttpResponse<String> response = api.send(api.post(instance, "/v1/usage:batch", body));
                    latencies.add(System.nanoTime() - sentAt);
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("batch failed: " + response.body());
                    }
                    long ok = UsageReports.accepted(response.body());
                    if (ok == 0) {
                        throw new IllegalStateException("no signed report accepted: "
                                + response.body().substring(0, Math.min(500, response.body().length())));
                    }
                    accepted.addAndGet(ok);
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : running) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new UsageBatches.Result(accepted.get(), elapsed);
    }

    private Latencies singlePhase(int seconds, int rate, int leases, int firstPeriod) throws Exception {
        Latencies latencies = new Latencies();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long intervalNanos = 1_000_000_000L / rate;
        int total = seconds * rate;
        AtomicLong issued = new AtomicLong();
        List<CompletableFuture<?>> inFlight = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> {
            long i = issued.getAndIncrement();
            if (i >= total) {
                return;
            }
            long scheduled = start + i * intervalNanos;
            int lease = (int) (i % leases);
            int period = firstPeriod + (int) (i / leases);
            StringBuilder json = new StringBuilder();
            UsageReports.appendReport(json, -1, period);
            String path = "/v1/leases/lease-%05d/usage".formatted(lease);
            inFlight.add(api.sendAsync(api.post((int) i, path, json.toString()))
                    .thenAccept(response -> {
                        latencies.add(System.nanoTime() - scheduled);
                        if (response.statusCode() != 201) {
                            System.err.println("single report failed: " + response.body());
                        }
                    }));
        }, 0, intervalNanos, TimeUnit.NANOSECONDS);
        while (issued.get() < total) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        ticker.shutdown();
        synchronized (inFlight) {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        }
        return latencies;
    }

    private static void createBaselineTable(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE bench_usage_baseline (lease_id VARCHAR(64) NOT NULL, report_id VARCHAR(128) NOT NULL,
                        period_start TIMESTAMPTZ NOT NULL, period_end TIMESTAMPTZ NOT NULL, gpu_seconds BIGINT NOT NULL,
                        PRIMARY KEY (lease_id, report_id))""");
        }
    }

    /** How far the billing projection trailed when the batches stopped, and how long it took to catch up alone. */
    private record CatchUp(long behind, double seconds) {
    }

    /** Waits until every accepted report is in usage_event_lines. */
    private static CatchUp awaitProjection(String jdbcUrl, long accepted) throws Exception {
        long start = System.nanoTime();
        long behind = -1;
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement()) {
            while (true) {
                var rs = s.executeQuery("SELECT COALESCE(sum(cardinality(gpu_seconds)), 0) FROM usage_event_lines");
                rs.next();
                long projected = rs.getLong(1);
                if (behind < 0) {
                    behind = accepted - projected;
                }
                if (projected >= accepted) {
                    return new CatchUp(behind, (System.nanoTime() - start) / 1e9);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    /** Waits until every stored event is sealed; answers how many were not when it began. */
    private static long awaitSeals(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement()) {
            long behind = -1;
            while (true) {
                var rs = s.executeQuery("""
                        SELECT (SELECT COALESCE(max(global_index), 0) FROM domain_event_entry)
                             - (SELECT COALESCE(max(global_index), 0) FROM event_seal)""");
                rs.next();
                long unsealed = rs.getLong(1);
                if (behind < 0) {
                    behind = unsealed;
                }
                if (unsealed <= 0) {
                    return behind;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    /** Plain JDBC: the same number of rows, batches of the same size, one commit per batch. Answers seconds taken. */
    private static double baseline(String jdbcUrl, int round, long rows, int threads, int batchSize) throws Exception {
        long perThread = rows / threads;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            running.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(jdbcUrl + "&reWriteBatchedInserts=true", "postgres", "")) {
                    c.setAutoCommit(false);
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO bench_usage_baseline VALUES (?, ?, ?, ?, ?)");
                    for (long i = 0; i < perThread; i++) {
                        Instant periodStart = LEASE_START.plusSeconds(i * PERIOD_SECONDS);
                        insert.setString(1, "lease-" + thread + "-" + (i % 250));
                        insert.setString(2, "r-" + round + "-" + i);
                        insert.setTimestamp(3, Timestamp.from(periodStart));
                        insert.setTimestamp(4, Timestamp.from(periodStart.plusSeconds(PERIOD_SECONDS)));
                        insert.setLong(5, GPUS * PERIOD_SECONDS);
                        insert.addBatch();
                        if ((i + 1) % batchSize == 0 || i == perThread - 1) {
                            insert.executeBatch();
                            c.commit();
                        }
                    }
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9 * rows / Math.max(1, perThread * threads);
    }
}
