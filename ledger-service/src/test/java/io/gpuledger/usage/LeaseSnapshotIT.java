package io.gpuledger.usage;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MKT_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.lease.Lease;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.LedgerTables;
import io.gpuledger.support.Leases;
import java.time.Instant;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A lease with more events than the snapshot count is snapshotted; once it left the cache it loads
 * from that snapshot and the few events after it, and answers as it did before.
 */
class LeaseSnapshotIT extends LedgerIT {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private Cache aggregateCache;
    @Autowired
    private EventStore eventStore;
    @Value("${ledger.lease-snapshot-events}")
    private int snapshotEvents;

    @Test
    void aLeaseThatLeftTheCacheLoadsFromItsSnapshotAndAnswersAsBefore() {
        String leaseId = Leases.uniqueId("lease");
        String leaseKey = MKT_A + "/" + leaseId;
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId)).status()).isEqualTo(201);
        int events = snapshotEvents + 20;
        for (int i = 0; i < events - 1; i++) {
            Response recorded = api.post(MARKETPLACE_A, "/v1/usage:batch",
                    Leases.batch(List.of(report(leaseId, "r-" + i, i, 480))));
            assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        }
        await().until(() -> jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Long.class, leaseKey) == 1);
        String probe = Leases.batch(List.of(report(leaseId, "r-0", 0, 480), report(leaseId, "late", 1, 60),
                report(leaseId, "r-next", events, 480)));
        LedgerTables tables = new LedgerTables(jdbc);

        aggregateCache.removeAll();
        int read = eventsReadToLoad(leaseKey);
        Response afterEviction = api.post(MARKETPLACE_A, "/v1/usage:batch", "probe-1-" + leaseId, probe);
        Response cached = tables.noEventsAppendedBy(() ->
                api.post(MARKETPLACE_A, "/v1/usage:batch", "probe-2-" + leaseId, probe));

        assertThat(read).as("the snapshot and the events after it").isLessThanOrEqualTo(snapshotEvents);
        assertThat(afterEviction.json().path("results").findValuesAsText("status"))
                .containsExactly("DUPLICATE", "REJECTED", "ACCEPTED");
        assertThat(afterEviction.json().path("results").get(1).path("code").asText()).isEqualTo("USAGE_PERIOD_OVERLAP");
        assertThat(afterEviction.json().path("results").get(0)).isEqualTo(cached.json().path("results").get(0));
        assertThat(cached.json().path("results").findValuesAsText("status"))
                .containsExactly("DUPLICATE", "REJECTED", "DUPLICATE");
    }

    /** How many messages loading the lease reads: its snapshot, then the events after it. */
    private int eventsReadToLoad(String leaseKey) {
        DomainEventStream stream = eventStore.readEvents(leaseKey);
        DomainEventMessage<?> first = stream.next();
        assertThat(first.getPayload()).isInstanceOf(Lease.class);
        assertThat(first.getSequenceNumber()).isGreaterThanOrEqualTo(snapshotEvents - 1);
        int read = 1;
        while (stream.hasNext()) {
            stream.next();
            read++;
        }
        return read;
    }

    private static String report(String leaseId, String reportId, int minute, long gpuSeconds) {
        return Leases.batchReport(leaseId, reportId, T0.plusSeconds(60L * minute).toString(),
                T0.plusSeconds(60L * minute + 60).toString(), gpuSeconds);
    }
}
