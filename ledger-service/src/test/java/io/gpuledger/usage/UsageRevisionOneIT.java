package io.gpuledger.usage;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MKT_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import io.gpuledger.support.TestEventMacs;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A ledger that stored usage events at revision 1 (one report's fields at the top level, as written
 * before 2026-11-30) keeps working on them: the lease, the billing views and the history read them
 * as a list of one, and their stored bytes stay untouched. The old rows are written here as such a
 * ledger wrote them, for a lease that only they describe.
 */
class UsageRevisionOneIT extends LedgerIT {

    private static final String REVISION_1_PAYLOAD = """
            {"marketplaceId":"%s","leaseId":"%s","reportId":"old-1","periodStart":"2026-11-01T00:00:00Z",\
            "periodEnd":"2026-11-01T01:00:00Z","gpuSeconds":28800,"priceUnitsPerGpuHour":2100000,\
            "chargedUnits":16800000,"feeUnits":840000,"providerUnits":15960000}""";

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventStoreReader events;

    @Test
    void readsRevisionOneUsageAsAListOfOneReportEverywhere() {
        String leaseId = leaseStoredByAnOlderLedger();

        Response replayed = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("old-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28800));
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
        assertThat(replayed.json().path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(replayed.json().path("chargedUnits").asText()).isEqualTo("16800000");

        Response overlapping = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("new-1", "2026-11-01T00:30:00Z", "2026-11-01T01:30:00Z", 1));
        assertThat(overlapping.code()).isEqualTo("USAGE_PERIOD_OVERLAP");

        Response next = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("new-1", "2026-11-01T01:00:00Z", "2026-11-01T01:30:00Z", 1));
        assertThat(next.status()).as(next.toString()).isEqualTo(201);
        // cumulative after both: floor(28801 × 2,100,000 / 3600) = 16,800,583; the new report's slice is the rest
        assertThat(next.json().path("chargedUnits").asText()).isEqualTo("583");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode lease = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).json();
            assertThat(lease.path("gpuSecondsRecorded").asLong()).isEqualTo(28801);
            assertThat(lease.path("chargedUnits").asText()).isEqualTo("16800583");
        });

        JsonNode events = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId + "/events").json().path("events");
        assertThat(events).hasSize(3);
        JsonNode old = events.get(1);
        assertThat(old.path("type").asText()).isEqualTo("UsageRecordedEvent");
        assertThat(old.path("occurredAt").asText()).isEqualTo("2026-11-01T01:00:00Z");
        assertThat(old.path("payload").path("reportId").asText()).isEqualTo("old-1");
        assertThat(old.path("payload").has("reports")).isFalse();
        JsonNode current = events.get(2);
        assertThat(current.path("payload").path("reports").get(0).path("reportId").asText()).isEqualTo("new-1");
        assertThat(current.path("occurredAt").asText()).isEqualTo("2026-11-01T01:30:00Z");
    }

    /** A lease opened (a copy of one opened through the API) and its first report, both rows as an older ledger stored them. */
    private String leaseStoredByAnOlderLedger() {
        String template = Leases.uniqueId("tmpl");
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", Leases.open(template));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String leaseId = Leases.uniqueId("rev1");
        String aggregate = MKT_A + "/" + leaseId;
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                SELECT gen_random_uuid()::text, ?, 0, type, time_stamp, payload_type, payload_revision,
                    convert_to(replace(convert_from(payload, 'UTF8'), ?, ?), 'UTF8'), meta_data
                FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0
                """, aggregate, "\"leaseId\":\"" + template + "\"", "\"leaseId\":\"" + leaseId + "\"",
                MKT_A + "/" + template);
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (gen_random_uuid()::text, ?, 1, 'Lease', '2026-11-01T01:00:05Z',
                    'io.gpuledger.usage.api.UsageRecordedEvent', NULL, convert_to(?, 'UTF8'), convert_to('{}', 'UTF8'))
                """, aggregate, REVISION_1_PAYLOAD.formatted(MKT_A, leaseId));
        // The older ledger authenticated what it appended, as every ledger does.
        TestEventMacs.authenticate(jdbc, events, aggregate);
        return leaseId;
    }
}
