package io.gpuledger.platform;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.LedgerApplication;
import io.gpuledger.support.Api;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import io.gpuledger.support.TestKeys;
import io.gpuledger.support.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the ledger on one database take usage for the same lease at once, each with the
 * lease in its own aggregate cache: every write of one makes the other's cached lease stale. Each
 * request is answered as if it had been alone: no 5xx, every report recorded once.
 */
class TwoInstancesIT extends LedgerIT {

    private static final int REPORTS_PER_INSTANCE = 20;
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void usageForOneLeaseThroughTwoInstancesIsRecordedOnceEachAndNeverAnswered5xx() throws Exception {
        TestPostgres.Database db = TestPostgres.get();
        try (ConfigurableApplicationContext second = new SpringApplication(LedgerApplication.class).run(
                "--server.port=0", "--ledger.db.url=" + db.url(), "--ledger.db.user=" + db.user(),
                "--ledger.db.password=" + db.password(), "--ledger.bootstrap-keys=" + TestKeys.BOOTSTRAP)) {
            Api other = new Api(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));
            String leaseId = Leases.uniqueId("two");
            assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId, "prov-7", "tenant-42", 8, "2100000",
                    500, START.toString(), null)).status()).isEqualTo(201);

            ExecutorService clients = Executors.newFixedThreadPool(2);
            Future<List<Integer>> first = clients.submit(() -> report(api, leaseId, 0));
            Future<List<Integer>> last = clients.submit(() -> report(other, leaseId, REPORTS_PER_INSTANCE));
            List<Integer> statuses = new ArrayList<>(first.get());
            statuses.addAll(last.get());
            clients.shutdown();

            assertThat(statuses).hasSize(2 * REPORTS_PER_INSTANCE).allMatch(status -> status == 201);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                    assertThat(api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).json().path("gpuSecondsRecorded")
                            .asLong()).isEqualTo(2L * REPORTS_PER_INSTANCE * 3600));
        }
    }

    /** An hour of one GPU a report, hours {@code from} onwards, so the two instances' periods never overlap. */
    private static List<Integer> report(Api instance, String leaseId, int from) {
        List<Integer> statuses = new ArrayList<>();
        for (int hour = from; hour < from + REPORTS_PER_INSTANCE; hour++) {
            Instant start = START.plusSeconds(3600L * hour);
            statuses.add(instance.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                    Leases.usage("r-" + hour, start.toString(), start.plusSeconds(3600).toString(), 3600)).status());
        }
        return statuses;
    }
}
