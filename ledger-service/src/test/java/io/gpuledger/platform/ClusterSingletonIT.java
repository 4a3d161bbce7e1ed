package io.gpuledger.platform;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.LedgerApplication;
import io.gpuledger.chain.ChainGateway;
import io.gpuledger.chain.ChainWorker;
import io.gpuledger.chain.IntentStatus;
import io.gpuledger.eventstore.EventSealer;
import io.gpuledger.support.Anvil;
import io.gpuledger.support.Api;
import io.gpuledger.support.CapturedLogs;
import io.gpuledger.support.Leases;
import io.gpuledger.support.TestKeys;
import io.gpuledger.support.TestPostgres;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * Singleton work across instances on one database: one holder of each lock at a time, and a new one
 * within seconds when the holder stops or its process dies.
 */
class ClusterSingletonIT {

    private static final Duration FAIL_OVER = Duration.ofSeconds(10);

    @Test
    void oneOfTwoProcessesLeadsAndTheOtherTakesOverOnceTheLeadersSessionDies() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("singleton");
        ClusterSingletons processA = new ClusterSingletons(dataSource(db));
        ClusterSingletons processB = new ClusterSingletons(dataSource(db));
        ClusterSingleton a = processA.named("test-work");
        ClusterSingleton b = processB.named("test-work");

        assertThat(a.leads()).isTrue();
        assertThat(b.leads()).isFalse();
        assertThat(a.leads()).as("a leader goes on leading").isTrue();
        assertThat(processB.named("other-work").leads()).as("each name is a lock of its own").isTrue();

        // What a killed process leaves: PostgreSQL ends its session, and the session's locks go with it.
        try (Connection admin = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                    + "AND classid = " + 0x4C454447 + " AND objid = " + Integer.toUnsignedLong("test-work".hashCode()));
        }
        await().atMost(FAIL_OVER).until(b::leads);
        assertThat(a.leads()).as("the old leader finds its session gone and follows").isFalse();

        b.release();
        assertThat(a.leads()).isTrue();
        processA.giveUpAll();
        processB.giveUpAll();
        assertThat(b.leads()).as("closed for good").isFalse();
    }

    @Test
    void twoInstancesSealOneAtATimeWithoutCollidingAndTheOtherSealsWithinSecondsWhenTheLeaderStops() {
        TestPostgres.Database db = TestPostgres.freshDatabase("sealers");
        try (CapturedLogs logs = CapturedLogs.start()) {
            ConfigurableApplicationContext first = start(db);
            ConfigurableApplicationContext second = start(db);
            try {
                ClusterSingleton firstSealer = first.getBean(ClusterSingletons.class).named("event-sealer");
                ClusterSingleton secondSealer = second.getBean(ClusterSingletons.class).named("event-sealer");
                await().atMost(FAIL_OVER).until(() -> firstSealer.leading() || secondSealer.leading());
                for (int i = 0; i < 10; i++) {
                    openLease(i % 2 == 0 ? first : second);
                    assertThat(firstSealer.leading() && secondSealer.leading()).as("both seal").isFalse();
                }
                await().atMost(FAIL_OVER).until(() -> allSealed(db));
                sealAtOnceFromBoth(first, second);

                ConfigurableApplicationContext leader = firstSealer.leading() ? first : second;
                ConfigurableApplicationContext follower = leader == first ? second : first;
                ClusterSingleton follows = leader == first ? secondSealer : firstSealer;
                leader.close();
                openLease(follower);
                await().atMost(FAIL_OVER).until(() -> follows.leading() && allSealed(db));
            } finally {
                first.close();
                second.close();
            }
            assertThat(logs.all()).doesNotContain("DuplicateKeyException").doesNotContain("duplicate key");
        }
    }

    @Test
    void oneOfTwoInstancesFollowsTheChainAndTheOtherTakesOverWhenItStops() {
        TestPostgres.Database db = TestPostgres.freshDatabase("chainworkers");
        try (Anvil anvil = Anvil.start()) {
            Credentials signer = anvil.fundedAccount(10);
            String key = Numeric.toHexStringNoPrefixZeroPadded(signer.getEcKeyPair().getPrivateKey(), 64);
            ConfigurableApplicationContext first = start(db, "--ledger.chain.rpc-url=" + anvil.rpcUrl(),
                    "--ledger.chain.signer-key=" + key, "--ledger.chain.confirmations=1",
                    "--ledger.chain.poll-interval=50ms", "--ledger.chain.max-poll-interval=200ms");
            ConfigurableApplicationContext second = start(db, "--ledger.chain.rpc-url=" + anvil.rpcUrl(),
                    "--ledger.chain.signer-key=" + key, "--ledger.chain.confirmations=1",
                    "--ledger.chain.poll-interval=50ms", "--ledger.chain.max-poll-interval=200ms");
            try {
                ClusterSingleton firstChain = first.getBean(ClusterSingletons.class).named(ChainWorker.SINGLETON);
                ClusterSingleton secondChain = second.getBean(ClusterSingletons.class).named(ChainWorker.SINGLETON);
                await().atMost(FAIL_OVER).until(() -> firstChain.leading() != secondChain.leading());
                ConfigurableApplicationContext leader = firstChain.leading() ? first : second;
                ConfigurableApplicationContext follower = leader == first ? second : first;

                // Submitted through the instance that does not lead: its leader follows it to the end.
                assertThat(transferConfirmed(follower, "through-the-follower")).isTrue();
                leader.close();
                assertThat(transferConfirmed(follower, "after-the-leader-stopped")).isTrue();
                assertThat((leader == first ? secondChain : firstChain).leading()).isTrue();
            } finally {
                first.close();
                second.close();
            }
        }
    }

    /** A transfer through {@code instance}'s gateway; true once it is CONFIRMED, which takes a leading worker. */
    private static boolean transferConfirmed(ConfigurableApplicationContext instance, String purpose) {
        ChainGateway gateway = instance.getBean(ChainGateway.class);
        String id = purpose + "-" + java.util.UUID.randomUUID();
        gateway.submit(id, "0x000000000000000000000000000000000000dEaD", BigInteger.ONE, "0x", BigInteger.valueOf(21_000));
        await().atMost(FAIL_OVER).until(() -> gateway.intent(id).orElseThrow().status() == IntentStatus.CONFIRMED);
        return true;
    }

    /** Epoch closes seal on the instance that closes them, whoever leads: such seals may meet. */
    private static void sealAtOnceFromBoth(ConfigurableApplicationContext first, ConfigurableApplicationContext second) {
        ExecutorService closers = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 5; i++) {
                openLease(first);
                openLease(second);
                Future<Long> one = closers.submit(() -> first.getBean(EventSealer.class).seal());
                Future<Long> other = closers.submit(() -> second.getBean(EventSealer.class).seal());
                assertThat(one.get()).isPositive();
                assertThat(other.get()).isPositive();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("sealing from both instances at once failed", e);
        } finally {
            closers.shutdown();
        }
    }

    private static ConfigurableApplicationContext start(TestPostgres.Database db, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--ledger.db.url=" + db.url(),
                "--ledger.db.user=" + db.user(), "--ledger.db.password=" + db.password(),
                "--ledger.bootstrap-keys=" + TestKeys.BOOTSTRAP, "--ledger.audit.seal-interval=PT0.1S"));
        args.addAll(List.of(more));
        return new SpringApplication(LedgerApplication.class).run(args.toArray(String[]::new));
    }

    private static void openLease(ConfigurableApplicationContext instance) {
        Api api = new Api(Integer.parseInt(instance.getEnvironment().getProperty("local.server.port")));
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(Leases.uniqueId("single"), "prov-1", "tenant-1",
                8, "2100000", 500, "2026-11-01T00:00:00Z", null)).status()).isEqualTo(201);
    }

    private static boolean allSealed(TestPostgres.Database db) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
             ResultSet rows = connection.createStatement().executeQuery("SELECT (SELECT max(global_index) FROM "
                     + "domain_event_entry) = (SELECT max(global_index) FROM event_seal)")) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    private static PGSimpleDataSource dataSource(TestPostgres.Database db) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(db.url());
        dataSource.setUser(db.user());
        dataSource.setPassword(db.password());
        return dataSource;
    }
}
