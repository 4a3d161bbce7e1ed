package io.gpuledger.bench;

import static org.awaitility.Awaitility.await;

import io.gpuledger.LedgerApplication;
import io.gpuledger.account.api.FundingKind;
import io.gpuledger.account.api.RecordDepositCommand;
import io.gpuledger.eventstore.EventSealer;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.OpenLeaseCommand;
import io.gpuledger.lease.api.RecordUsageCommand;
import io.gpuledger.lease.api.UsageReport;
import io.gpuledger.platform.LedgerTransactions;
import io.gpuledger.processing.Processors;
import io.gpuledger.settlement.EpochCloser;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntConsumer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.web3j.crypto.Keys;

/**
 * The epoch-close benchmark (docs/PERFORMANCE.md): closes one epoch over {@code leases} leases paying
 * {@code accounts} addresses, and times it against the plain SQL aggregation of the same amounts
 * from the same events. Run it with a bounded heap (the script gives -Xmx512m): that the close
 * completes at all is the memory check, and the peak heap after it is printed. With {@code prepaid}
 * as the fourth argument every second lease is prepaid, drawing on 1,000 tenants topped up beforehand.
 * With {@code mix} as the first argument it runs {@link EpochMixBench} instead.
 */
public final class EpochCloseBench {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    public static void main(String[] argv) throws Exception {
        if (argv.length > 0 && argv[0].equals("mix")) {
            EpochMixBench.run(java.util.Arrays.copyOfRange(argv, 1, argv.length));
            return;
        }
        int leases = argv.length > 0 ? Integer.parseInt(argv[0]) : 100_000;
        int accounts = argv.length > 1 ? Integer.parseInt(argv[1]) : 10_000;
        int rounds = argv.length > 2 ? Integer.parseInt(argv[2]) : 3;
        boolean halfPrepaid = argv.length > 3 && argv[3].equals("prepaid");

        EmbeddedPostgres postgres = durablePostgres();
        String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        ConfigurableApplicationContext ledger = ledgerOn(jdbcUrl);
        CommandGateway commands = ledger.getBean(CommandGateway.class);
        LedgerTransactions transactions = ledger.getBean(LedgerTransactions.class);
        EpochCloser closer = ledger.getBean(EpochCloser.class);

        String[] addresses = payoutAddresses(accounts);
        if (halfPrepaid) {
            topUpPrepaidTenants(commands, transactions);
        }
        long loadStart = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            load(commands, transactions, leases, addresses, round, halfPrepaid);
            System.out.printf("round %d: %,d leases with usage loaded (%.0f s so far)%n", round + 1, leases,
                    (System.nanoTime() - loadStart) / 1e9);
            // In service the sealer hashes events every few seconds as they arrive; here it catches up once.
            long sealStart = System.nanoTime();
            ledger.getBean(EventSealer.class).seal();
            System.out.printf("  sealing (background work, before the close) %.2f s%n", (System.nanoTime() - sealStart) / 1e9);
            long catchUpStart = System.nanoTime();
            awaitProjections(ledger);
            System.out.printf("  projections caught up (background work, before the close) %.2f s%n",
                    (System.nanoTime() - catchUpStart) / 1e9);
            System.gc();
            resetPeakHeap();
            long closeStart = System.nanoTime();
            EpochCloser.ClosedEpoch closed = closer.close();
            double closeSeconds = (System.nanoTime() - closeStart) / 1e9;
            long peakHeap = peakHeap();
            double sqlSeconds = sqlAggregation(jdbcUrl, closed.fromGlobalIndex(), closed.toGlobalIndex(), closed.payoutCount());
            System.out.printf("epoch %d: %,d events, %,d payouts, total %s units%s%n", closed.epoch(),
                    closed.eventCount(), closed.payoutCount(), closed.totalUnits(),
                    halfPrepaid ? " (half the leases prepaid)" : "");
            System.out.printf("  close to CLOSED     %.2f s   (peak heap %d MB of max %d MB)%n", closeSeconds,
                    peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("  plain SQL baseline  %.2f s   ratio close / SQL %.2f%n", sqlSeconds,
                    closeSeconds / sqlSeconds);
        }
        ledger.close();
        postgres.close();
        System.exit(0);
    }

    private static final int PREPAID_TENANTS = 1000;

    private static void topUpPrepaidTenants(CommandGateway commands, LedgerTransactions transactions) {
        transactions.inTransaction(() -> {
            for (int t = 0; t < PREPAID_TENANTS; t++) {
                commands.sendAndWait(new RecordDepositCommand("bench", "prepaid-tenant-" + t, "top-up",
                        FundingKind.DEPOSIT, BigInteger.TEN.pow(15)));
            }
            return null;
        });
    }

    /** Leases are opened once; each round reports one more hour of usage on every lease. */
    private static void load(CommandGateway commands, LedgerTransactions transactions, int leases,
                             String[] addresses, int round, boolean halfPrepaid) {
        inChunks(transactions, leases, l -> {
            String leaseId = "lease-" + l;
            if (round == 0) {
                boolean prepaid = halfPrepaid && l % 2 == 1;
                String tenant = (prepaid ? "prepaid-tenant-" : "tenant-") + (l % PREPAID_TENANTS);
                commands.sendAndWait(new OpenLeaseCommand("bench", leaseId, "prov-" + (l % 5000),
                        addresses[l % addresses.length], tenant, "H100", 8,
                        BigInteger.valueOf(2_100_000 + l % 97), 500, START, null,
                        prepaid ? Billing.PREPAID : Billing.POSTPAID));
            }
            Instant periodStart = START.plusSeconds(3600L * round);
            commands.sendAndWait(new RecordUsageCommand("bench", leaseId, new UsageReport(
                    "r-" + round, periodStart, periodStart.plusSeconds(3600), 28_800 - l % 1000)));
        });
    }

    /** Runs {@code perLease} for leases 0 to {@code leases} - 1, a transaction per 2,000 of them. */
    static void inChunks(LedgerTransactions transactions, int leases, IntConsumer perLease) {
        int chunk = 2000;
        for (int start = 0; start < leases; start += chunk) {
            int from = start;
            int to = Math.min(leases, start + chunk);
            transactions.inTransaction(() -> {
                for (int l = from; l < to; l++) {
                    perLease.accept(l);
                }
                return null;
            });
        }
    }

    /**
     * Waits until every processor has handled every stored event: in service the projections follow
     * the writes within moments, so a close is timed without a catch-up of the load beside it.
     */
    static void awaitProjections(ConfigurableApplicationContext ledger) {
        Processors processors = ledger.getBean(Processors.class);
        await("the projections to catch up").atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> processors.statuses().stream().allMatch(p -> p.lag() == 0 && !p.replaying()));
    }

    static EmbeddedPostgres durablePostgres() throws java.io.IOException {
        return EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start();
    }

    /** The ledger in this JVM on that database, without its scheduled work: the benchmark drives the sealer and the close. */
    static ConfigurableApplicationContext ledgerOn(String jdbcUrl) {
        return new SpringApplication(LedgerApplication.class).run(
                "--server.port=0", "--ledger.db.url=" + jdbcUrl, "--ledger.db.user=postgres",
                "--ledger.audit.event-hmac-key=" + io.gpuledger.support.TestKeys.EVENT_HMAC_KEY,
                "--ledger.scheduling.enabled=false", "--logging.level.root=WARN",
                // The benchmark measures the close, not a cache of every lease it loaded.
                "--ledger.aggregate-cache-size=1000");
    }

    static String[] payoutAddresses(int accounts) {
        String[] addresses = new String[accounts];
        for (int a = 0; a < accounts; a++) {
            addresses[a] = Keys.toChecksumAddress(String.format("0x%040x", BigInteger.valueOf(a + 1).multiply(BigInteger.valueOf(7919))));
        }
        return addresses;
    }

    /** Seconds {@code sql} takes to answer, checked to name as many payouts as the close made. */
    static double timedBaseline(String jdbcUrl, int expectedPayouts, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
            long start = System.nanoTime();
            ResultSet rs = s.executeQuery(sql);
            int rows = 0;
            while (rs.next()) {
                rows++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (rows != expectedPayouts) {
                throw new IllegalStateException("the SQL baseline found " + rows + " payouts, the close " + expectedPayouts);
            }
            return seconds;
        }
    }

    /** The same payouts straight from the events with one SQL statement, as the baseline. */
    private static double sqlAggregation(String jdbcUrl, long from, long to, int expectedPayouts) throws Exception {
        return timedBaseline(jdbcUrl, expectedPayouts, """
                    SELECT convert_from(o.payload, 'UTF8')::jsonb ->> 'providerPayoutAddress' AS account,
                           sum((r.report ->> 'providerUnits')::numeric) AS units
                    FROM domain_event_entry u
                    CROSS JOIN LATERAL jsonb_array_elements(convert_from(u.payload, 'UTF8')::jsonb -> 'reports') AS r(report)
                    JOIN domain_event_entry o ON o.aggregate_identifier = u.aggregate_identifier AND o.sequence_number = 0
                    WHERE u.payload_type = 'io.gpuledger.usage.api.UsageRecordedEvent'
                      AND u.global_index > %d AND u.global_index <= %d
                    GROUP BY 1""".formatted(from, to));
    }

    static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
