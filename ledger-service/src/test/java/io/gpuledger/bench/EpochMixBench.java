package io.gpuledger.bench;

import io.gpuledger.eventstore.EventSealer;
import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.CapacityPricing;
import io.gpuledger.lease.api.OpenLeaseCommand;
import io.gpuledger.lease.api.RecordUsageCommand;
import io.gpuledger.lease.api.ReportDowntimeCommand;
import io.gpuledger.lease.api.Sla;
import io.gpuledger.lease.api.SlaCreditTier;
import io.gpuledger.lease.api.UsageReport;
import io.gpuledger.platform.LedgerTransactions;
import io.gpuledger.settlement.EpochCloser;
import io.gpuledger.settlement.api.EpochClosedEvent;
import io.gpuledger.settlement.api.Payout;
import io.gpuledger.settlement.api.PoolBasis;
import io.gpuledger.settlement.api.PoolShare;
import io.gpuledger.settlement.api.PoolWeight;
import io.gpuledger.settlement.api.PostRewardPoolCommand;
import io.gpuledger.settlement.api.RewardPoolsSettledEvent;
import io.gpuledger.settlement.api.SettlementId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The mix of the epoch-close benchmark ({@code bench/epoch-close.sh mix [leases] [accounts]}): one
 * epoch over {@code leases} leases paying {@code accounts} addresses, of which every tenth lease is a
 * capacity lease whose fee accrues at the close, every twentieth has an SLA whose January window ends
 * in the epoch (with downtime, so most earn a credit), and a WEIGHTS reward pool over every address.
 * Prints the time to CLOSED, the plain SQL baseline of the same amounts and the peak heap, and checks
 * every payout, the capacity fees, the SLA credits and the pool's shares against {@link MixOracle}.
 */
final class EpochMixBench {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    /** After January's SLA windows end: the capacity fees accrue 31 days and 17 seconds. */
    private static final Instant ACCRUE_THROUGH = Instant.parse("2026-02-01T00:00:17Z");
    private static final long JANUARY_SECONDS = 31L * 86_400;
    private static final int FEE_BPS = 500;
    static final int TIER_1_BELOW_BPS = 9990;
    static final int TIER_1_CREDIT_BPS = 1000;
    static final int TIER_2_BELOW_BPS = 9900;
    static final int TIER_2_CREDIT_BPS = 3000;
    private static final Sla SLA = new Sla(9990, List.of(new SlaCreditTier(TIER_1_BELOW_BPS, TIER_1_CREDIT_BPS),
            new SlaCreditTier(TIER_2_BELOW_BPS, TIER_2_CREDIT_BPS)));
    private static final BigInteger POOL_UNITS = BigInteger.valueOf(1_000_000_007L);

    private EpochMixBench() {
    }

    static void run(String[] argv) throws Exception {
        int leases = argv.length > 0 ? Integer.parseInt(argv[0]) : 100_000;
        int accounts = argv.length > 1 ? Integer.parseInt(argv[1]) : 10_000;
        EmbeddedPostgres postgres = EpochCloseBench.durablePostgres();
        String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        ConfigurableApplicationContext ledger = EpochCloseBench.ledgerOn(jdbcUrl);
        String[] addresses = EpochCloseBench.payoutAddresses(accounts);
        MixOracle oracle = new MixOracle();
        long loadStart = System.nanoTime();
        load(ledger.getBean(CommandGateway.class), ledger.getBean(LedgerTransactions.class), leases, addresses, oracle);
        Map<String, BigInteger> expectedShares = postPool(ledger.getBean(CommandGateway.class), addresses, oracle);
        System.out.printf("mix: %,d leases (%,d capacity, %,d with an SLA window ending), a pool over %,d addresses,"
                + " loaded in %.0f s%n", leases, leases / 10, oracle.slaWindows, accounts, (System.nanoTime() - loadStart) / 1e9);
        ledger.getBean(EventSealer.class).seal();
        // In service the projections follow the writes within moments; here they catch up once, so that
        // the close is timed as it runs in service rather than against 200,000 events still projecting.
        long catchUpStart = System.nanoTime();
        EpochCloseBench.awaitProjections(ledger);
        System.out.printf("  projections caught up (background work, before the close) %.2f s%n",
                (System.nanoTime() - catchUpStart) / 1e9);
        System.gc();
        EpochCloseBench.resetPeakHeap();
        long closeStart = System.nanoTime();
        EpochCloser.ClosedEpoch closed = ledger.getBean(EpochCloser.class).close(ACCRUE_THROUGH);
        double closeSeconds = (System.nanoTime() - closeStart) / 1e9;
        long peakHeap = EpochCloseBench.peakHeap();
        double sqlSeconds = sqlBaseline(jdbcUrl, closed.fromGlobalIndex(), closed.toGlobalIndex(), closed.payoutCount());
        System.out.printf("epoch %d: %,d events, %,d payouts, total %s units%n", closed.epoch(), closed.eventCount(),
                closed.payoutCount(), closed.totalUnits());
        System.out.printf("  close to CLOSED     %.2f s   (peak heap %d MB of max %d MB)%n", closeSeconds,
                peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("  plain SQL baseline  %.2f s   ratio close / SQL %.2f%n", sqlSeconds, closeSeconds / sqlSeconds);
        check(ledger.getBean(EventStoreReader.class), closed, oracle, expectedShares, slaCredits(jdbcUrl, closed));
        ledger.close();
        postgres.close();
        System.exit(0);
    }

    /** Opens every lease; a GPU_HOUR lease reports an hour, one with an SLA some downtime. */
    private static void load(CommandGateway commands, LedgerTransactions transactions, int leases, String[] addresses,
                             MixOracle oracle) {
        EpochCloseBench.inChunks(transactions, leases,
                l -> loadLease(commands, l, addresses[l % addresses.length], oracle));
    }

    private static void loadLease(CommandGateway commands, int l, String account, MixOracle oracle) {
        String leaseId = "lease-" + l;
        if (l % 10 == 9) {
            BigInteger fee = BigInteger.valueOf(1_000_003 + l % 89);
            commands.sendAndWait(new OpenLeaseCommand("bench", leaseId, "prov-" + (l % 5000), account, "tenant-" + (l % 1000),
                    "H100", 8, null, FEE_BPS, START, null, Billing.POSTPAID, null, null, null,
                    new CapacityPricing(2000, fee, BigInteger.valueOf(70_001)), null));
            oracle.capacityLease(account, ACCRUE_THROUGH.getEpochSecond() - START.getEpochSecond(), fee, FEE_BPS);
            return;
        }
        boolean sla = l % 20 == 0;
        BigInteger price = BigInteger.valueOf(2_100_000 + l % 97);
        long gpuSeconds = 28_800 - l % 1000;
        commands.sendAndWait(new OpenLeaseCommand("bench", leaseId, "prov-" + (l % 5000), account, "tenant-" + (l % 1000),
                "H100", 8, price, FEE_BPS, START, null, Billing.POSTPAID, null, null, null, null, sla ? SLA : null));
        commands.sendAndWait(new RecordUsageCommand("bench", leaseId,
                new UsageReport("r-0", START, START.plusSeconds(3600), gpuSeconds)));
        BigInteger credit = BigInteger.ZERO;
        if (sla) {
            long downSeconds = 300L * (1 + l % 100);
            Instant downFrom = START.plusSeconds(7200);
            commands.sendAndWait(new ReportDowntimeCommand("bench", leaseId, "down-1", downFrom, downFrom.plusSeconds(downSeconds)));
            credit = oracle.slaCredit(gpuSeconds, price, JANUARY_SECONDS, downSeconds);
        }
        oracle.usageLease(account, gpuSeconds, price, FEE_BPS, credit);
    }

    private static Map<String, BigInteger> postPool(CommandGateway commands, String[] addresses, MixOracle oracle) {
        Map<String, BigInteger> weights = new TreeMap<>();
        List<PoolWeight> posted = new ArrayList<>();
        for (int a = 0; a < addresses.length; a++) {
            BigInteger weight = BigInteger.valueOf((a * 7919L) % 1000 + 1);
            weights.put(addresses[a], weight);
            posted.add(new PoolWeight(addresses[a], weight));
        }
        commands.sendAndWait(new PostRewardPoolCommand("mix-pool", POOL_UNITS, PoolBasis.WEIGHTS, posted));
        return oracle.pool(POOL_UNITS, weights);
    }

    /** Every amount the close recorded against the oracle's, to the unit; throws on the first difference. */
    private static void check(EventStoreReader events, EpochCloser.ClosedEpoch closed, MixOracle oracle,
                              Map<String, BigInteger> expectedShares, BigInteger[] slaCredits) {
        EpochClosedEvent event = events.latest(SettlementId.VALUE, EpochClosedEvent.class).orElseThrow();
        Map<String, BigInteger> paid = new TreeMap<>();
        for (Payout payout : event.payouts()) {
            paid.put(payout.account(), payout.amountUnits());
        }
        require("payouts", oracle.payouts, paid);
        require("capacity fee charged", oracle.feeChargedUnits, closed.capacityCharges().feeChargedUnits());
        require("capacity fee provider", oracle.feeProviderUnits, closed.capacityCharges().feeProviderUnits());
        require("SLA windows closed", BigInteger.valueOf(oracle.slaWindows), slaCredits[0]);
        require("SLA credits", oracle.slaCreditUnits, slaCredits[1]);
        Map<String, BigInteger> shares = new TreeMap<>();
        for (PoolShare share : events.latest(SettlementId.VALUE, RewardPoolsSettledEvent.class).orElseThrow()
                .pools().get(0).shares()) {
            shares.put(share.account(), share.shareUnits());
        }
        require("pool shares", expectedShares, shares);
        System.out.printf("  checked: %,d payouts, capacity fees %s charged / %s provider, %,d SLA windows crediting %s,"
                        + " %,d pool shares: all equal the independent computation%n", paid.size(),
                oracle.feeChargedUnits, oracle.feeProviderUnits, oracle.slaWindows, oracle.slaCreditUnits, shares.size());
    }

    private static void require(String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(what + " differ from the independent computation: expected "
                    + abbreviate(expected) + ", the close " + abbreviate(actual));
        }
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** The SLA windows closed in the epoch and the sum of their credits, as stored. */
    private static BigInteger[] slaCredits(String jdbcUrl, EpochCloser.ClosedEpoch closed) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("""
                    SELECT count(*), coalesce(sum((convert_from(payload, 'UTF8')::jsonb ->> 'creditUnits')::numeric), 0)
                    FROM domain_event_entry WHERE payload_type = 'io.gpuledger.lease.api.SlaWindowClosedEvent'
                      AND global_index > %d AND global_index <= %d""".formatted(closed.fromGlobalIndex(), closed.toGlobalIndex()));
            rs.next();
            return new BigInteger[] {BigInteger.valueOf(rs.getLong(1)), rs.getBigDecimal(2).toBigIntegerExact()};
        }
    }

    /**
     * The same payouts straight from the events in one SQL statement: the provider units of usage,
     * capacity fees and adjustments (the SLA credits) by payout address, plus the pool's shares by
     * largest remainder.
     */
    private static double sqlBaseline(String jdbcUrl, long from, long to, int expectedPayouts) throws Exception {
        return EpochCloseBench.timedBaseline(jdbcUrl, expectedPayouts, """
                    WITH ranged AS (
                      SELECT aggregate_identifier, payload_type, convert_from(payload, 'UTF8')::jsonb AS j
                      FROM domain_event_entry WHERE global_index > %1$d AND global_index <= %2$d
                        AND payload_type IN ('io.gpuledger.usage.api.UsageRecordedEvent',
                          'io.gpuledger.lease.api.CapacityFeeAccruedEvent', 'io.gpuledger.lease.api.LeaseAdjustedEvent',
                          'io.gpuledger.settlement.api.RewardPoolPostedEvent')),
                    units AS (
                      SELECT aggregate_identifier, (r.report ->> 'providerUnits')::numeric AS units
                      FROM ranged CROSS JOIN LATERAL jsonb_array_elements(j -> 'reports') AS r(report)
                      WHERE payload_type = 'io.gpuledger.usage.api.UsageRecordedEvent'
                      UNION ALL
                      SELECT aggregate_identifier, (j ->> 'providerUnits')::numeric FROM ranged
                      WHERE payload_type IN ('io.gpuledger.lease.api.CapacityFeeAccruedEvent',
                                             'io.gpuledger.lease.api.LeaseAdjustedEvent')),
                    owed AS (
                      SELECT convert_from(o.payload, 'UTF8')::jsonb ->> 'providerPayoutAddress' AS account, u.units
                      FROM units u JOIN domain_event_entry o
                        ON o.aggregate_identifier = u.aggregate_identifier AND o.sequence_number = 0),
                    weights AS (
                      SELECT (j ->> 'amountUnits')::numeric AS amount, w ->> 'account' AS account,
                             (w ->> 'weight')::numeric AS weight
                      FROM ranged CROSS JOIN LATERAL jsonb_array_elements(j -> 'weights') AS w
                      WHERE payload_type = 'io.gpuledger.settlement.api.RewardPoolPostedEvent'),
                    splits AS (
                      SELECT account, amount, floor(amount * weight / sum(weight) OVER ()) AS share,
                             mod(amount * weight, sum(weight) OVER ()) AS rem FROM weights),
                    shares AS (
                      SELECT account, share + CASE WHEN rem > 0 AND row_number() OVER (ORDER BY rem DESC, lower(account))
                                                        <= amount - sum(share) OVER () THEN 1 ELSE 0 END AS units
                      FROM splits)
                    SELECT account, sum(units) FROM (SELECT * FROM owed UNION ALL SELECT * FROM shares) a
                    GROUP BY 1 HAVING sum(units) > 0""".formatted(from, to));
    }
}
