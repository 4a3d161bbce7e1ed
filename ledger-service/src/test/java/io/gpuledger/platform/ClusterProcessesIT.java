package io.gpuledger.platform;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Anvil;
import io.gpuledger.support.Api;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerProcess;
import io.gpuledger.support.Leases;
import io.gpuledger.support.SettlementContracts;
import io.gpuledger.support.TestPostgres;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * Three packaged ledgers as operating-system processes on one PostgreSQL and one chain, as a
 * deployment behind a load balancer runs them. Clients send usage for the same leases through all
 * of them at once; one instance is killed (SIGKILL) in the middle of it, and the clients retry what
 * it did not answer on the others with the same Idempotency-Key. Then an epoch is closed and pushed
 * through one instance, which is killed right after: the survivors finish it. Nothing is answered
 * 5xx, every lease's total equals the clients' own count, and every payout address is paid once,
 * exactly what it earned.
 */
class ClusterProcessesIT {

    private static final int INSTANCES = 3;
    private static final int LEASES = 12;
    private static final int ADDRESSES = 4;
    private static final int CLIENTS = 6;
    private static final int BATCHES_PER_CLIENT = 16;
    private static final int REPORTS_PER_BATCH = 3;
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    private static final BigInteger TREASURY = BigInteger.valueOf(1_000_000_000_000L);
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private static Anvil anvil;
    private static SettlementContracts contracts;
    private static final List<LedgerProcess> instances = new ArrayList<>();
    private static final Set<Integer> live = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startCluster() throws Exception {
        anvil = Anvil.start();
        contracts = SettlementContracts.deploy(anvil);
        Credentials signer = anvil.fundedAccount(100);
        contracts.handOverTo(signer.getAddress(), false);
        contracts.token().mint(signer.getAddress(), TREASURY).send();
        TestPostgres.Database db = TestPostgres.freshDatabase("cluster");
        Map<String, String> env = new TreeMap<>(contracts.ledgerEnvironment(signer));
        env.putAll(db.environment());
        env.put("LEDGER_CHAIN_CONFIRMATIONS", "1");
        env.put("LEDGER_CHAIN_POLL_INTERVAL", "100ms");
        env.put("LEDGER_CHAIN_MAX_POLL_INTERVAL", "300ms");
        env.put("LEDGER_SETTLEMENT_DRIVER_INTERVAL", "PT0.2S");
        env.put("LEDGER_SETTLEMENT_FUNDING", "transfer");
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(new LedgerProcess("cluster-" + i, env));
        }
        // The first creates the schema; the others start on it together.
        instances.get(0).start();
        IntStream.range(1, INSTANCES).parallel().forEach(i -> instances.get(i).start());
        IntStream.range(0, INSTANCES).forEach(live::add);
    }

    @AfterAll
    static void stopCluster() {
        instances.forEach(LedgerProcess::close);
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    void usageThroughEveryInstanceWithOneKilledMidLoadThenAnEpochPaidOnceWithItsInstanceKilled() throws Exception {
        List<String> addresses = IntStream.range(0, ADDRESSES).mapToObj(i -> SettlementContracts.freshAddress()).toList();
        List<String> leaseIds = new ArrayList<>();
        for (int i = 0; i < LEASES; i++) {
            String leaseId = Leases.uniqueId("cluster");
            String body = Leases.open(leaseId, "prov-" + i, "tenant-" + i, 8, "2100000", 500, START.toString(), null)
                    .replace(Leases.PAYOUT_ADDRESS, addresses.get(i % ADDRESSES));
            Response opened = send(i, "/v1/leases", UUID.randomUUID().toString(), body);
            assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
            leaseIds.add(leaseId);
        }

        Map<String, AtomicLong> recorded = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> nextHour = new ConcurrentHashMap<>();
        leaseIds.forEach(id -> {
            recorded.put(id, new AtomicLong());
            nextHour.put(id, new AtomicInteger());
        });
        List<String> faults = new CopyOnWriteArrayList<>();
        AtomicInteger batchesAnswered = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                for (int b = 0; b < BATCHES_PER_CLIENT; b++) {
                    sendBatch(leaseIds, nextHour, recorded, faults);
                    batchesAnswered.incrementAndGet();
                }
                return null;
            }));
        }
        int victim = INSTANCES - 1;
        await("half the batches answered").atMost(PATIENCE)
                .until(() -> batchesAnswered.get() >= CLIENTS * BATCHES_PER_CLIENT / 2);
        live.remove(victim);
        instances.get(victim).kill();
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();

        assertThat(faults).as("answers that were not 200 with every report ACCEPTED").isEmpty();
        Map<String, BigInteger> owed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < LEASES; i++) {
            String leaseId = leaseIds.get(i);
            int reader = i % 2;
            await("lease " + leaseId + " to show every report").atMost(PATIENCE).until(() ->
                    lease(reader, leaseId).path("gpuSecondsRecorded").asLong() == recorded.get(leaseId).get());
            owed.merge(addresses.get(i % ADDRESSES),
                    new BigInteger(lease(reader, leaseId).path("providerUnits").asText()), BigInteger::add);
        }

        Response closed = send(0, "/v1/settlement/epochs", UUID.randomUUID().toString(), "{}");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        long epoch = closed.json().path("epoch").asLong();
        Response push = send(0, "/v1/settlement/epochs/" + epoch + "/payouts:push", UUID.randomUUID().toString(), "{}");
        assertThat(push.status()).as(push.toString()).isEqualTo(202);
        live.remove(0);
        instances.get(0).kill();

        await("the epoch paid by the surviving instance").atMost(PATIENCE)
                .until(() -> "PAID".equals(epoch(1, epoch).path("status").asText()));
        assertThat(contracts.epochAnchoredLogCount(epoch)).isEqualTo(1);
        List<String> paid = contracts.payoutPaidLogs(epoch).stream()
                .map(log -> log.account).toList();
        assertThat(paid).as("each payout address paid once").hasSize(ADDRESSES)
                .doesNotHaveDuplicates();
        for (String address : addresses) {
            assertThat(contracts.balanceOf(address)).as(address).isEqualTo(owed.get(address));
        }
        assertThat(contracts.balanceOf(contracts.distributor().getContractAddress())).isZero();
    }

    /** A batch of reports for random leases, sent to a random live instance; retried elsewhere if it dies. */
    private static void sendBatch(List<String> leaseIds, Map<String, AtomicInteger> nextHour,
                                  Map<String, AtomicLong> recorded, List<String> faults) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> reports = new ArrayList<>();
        List<String> leases = new ArrayList<>();
        List<Long> seconds = new ArrayList<>();
        for (int r = 0; r < REPORTS_PER_BATCH; r++) {
            String leaseId = leaseIds.get(random.nextInt(leaseIds.size()));
            int hour = nextHour.get(leaseId).getAndIncrement();
            Instant from = START.plusSeconds(3600L * hour);
            long gpuSeconds = 1 + random.nextInt(28_800);
            reports.add(Leases.batchReport(leaseId, leaseId + "-h" + hour, from.toString(),
                    from.plusSeconds(3600).toString(), gpuSeconds));
            leases.add(leaseId);
            seconds.add(gpuSeconds);
        }
        Response answer = send(random.nextInt(INSTANCES), "/v1/usage:batch", UUID.randomUUID().toString(),
                Leases.batch(reports));
        if (answer.status() != 200) {
            faults.add(answer.toString());
            return;
        }
        JsonNode results = answer.json().path("results");
        for (int r = 0; r < REPORTS_PER_BATCH; r++) {
            String status = results.path(r).path("status").asText();
            if (!status.equals("ACCEPTED")) {
                faults.add(status + " " + results.path(r));
            } else {
                recorded.get(leases.get(r)).addAndGet(seconds.get(r));
            }
        }
    }

    /**
     * Sends to the preferred instance if it is live, else to another; a request whose instance dies
     * under it goes again, with the same Idempotency-Key, to the next live one.
     */
    private static Response send(int preferred, String path, String idempotencyKey, String body) {
        for (int attempt = 0; attempt < INSTANCES * 3; attempt++) {
            int target = liveInstance(preferred + attempt);
            try {
                return api(target).post(path.startsWith("/v1/settlement") ? OPERATOR : MARKETPLACE_A, path,
                        idempotencyKey, body);
            } catch (UncheckedIOException instanceDied) {
                // the next attempt picks another live instance
            }
        }
        throw new AssertionError("no live instance answered " + path);
    }

    private static int liveInstance(int from) {
        for (int i = 0; i < INSTANCES; i++) {
            int candidate = Math.floorMod(from + i, INSTANCES);
            if (live.contains(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no live instance");
    }

    private static Api api(int instance) {
        return new Api(instances.get(instance).port());
    }

    private static JsonNode lease(int instance, String leaseId) {
        return api(liveInstance(instance)).get(MARKETPLACE_A, "/v1/leases/" + leaseId).json();
    }

    private static JsonNode epoch(int instance, long epoch) {
        return api(liveInstance(instance)).get(OPERATOR, "/v1/settlement/epochs/" + epoch).json();
    }

}
