package io.gpuledger.billing;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MARKETPLACE_B;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.LedgerTables;
import io.gpuledger.support.Leases;
import io.gpuledger.support.Projections;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The billing views are projections: dropped and replayed from the event store, they come back the
 * same, row for row and statement for statement.
 */
class ProjectionRebuildIT extends LedgerIT {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void rebuildsTheBillingViewsFromTheEventStoreToTheSameNumbers() {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String provider = "rb-prov-" + u;
        String tenant = "rb-ten-" + u;
        List<String[]> leases = List.of(new String[] {MARKETPLACE_A, "rb-" + u + "-1"},
                new String[] {MARKETPLACE_A, "rb-" + u + "-2"}, new String[] {MARKETPLACE_B, "rb-" + u + "-1"});
        activity(leases, provider, tenant);
        Projections projections = new Projections(processing, new LedgerTables(jdbc));
        projections.awaitCaughtUp();
        List<String> reads = reads(leases, provider, tenant);
        Map<String, Response> before = read(reads);
        List<Map<String, Object>> leaseViewBefore = leaseView();
        List<Map<String, Object>> usageLinesBefore = usageLines();
        assertThat(usageLinesBefore).isNotEmpty();
        List<Map<String, Object>> correctionsBefore = corrections(provider, tenant);
        assertThat(correctionsBefore).hasSize(3);

        projections.rebuild(() -> {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM lease_view", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM usage_event_lines", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM lease_correction", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM tenant_movement", Long.class)).isZero();
        });

        assertThat(leaseView()).isEqualTo(leaseViewBefore);
        assertThat(usageLines()).isEqualTo(usageLinesBefore);
        assertThat(corrections(provider, tenant)).isEqualTo(correctionsBefore);
        Map<String, Response> after = read(reads);
        for (String path : reads) {
            assertThat(after.get(path).status()).as(path).isEqualTo(200);
            assertThat(after.get(path).body()).as(path).isEqualTo(before.get(path).body());
        }
    }

    /** Leases of two marketplaces with usage in and out of order, a price change and a close. */
    private void activity(List<String[]> leases, String provider, String tenant) {
        for (String[] lease : leases) {
            ok(api.post(lease[0], "/v1/leases", Leases.open(lease[1], provider, tenant, 4, "1000001", 333,
                    "2026-11-01T00:00:00Z", null)));
            String usage = "/v1/leases/" + lease[1] + "/usage";
            ok(api.post(lease[0], usage, Leases.usage("r-3", "2026-11-02T00:00:00Z", "2026-11-02T01:00:00Z", 7)));
            ok(api.post(lease[0], usage, Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 14399)));
            ok(api.post(lease[0], "/v1/leases/" + lease[1] + "/price",
                    Leases.price("2100000", "2026-11-03T00:00:00Z")));
            ok(api.post(lease[0], "/v1/usage:batch", Leases.batch(List.of(
                    Leases.batchReport(lease[1], "r-4", "2026-11-03T00:00:00Z", "2026-11-03T02:00:00Z", 28800),
                    Leases.batchReport(lease[1], "r-2", "2026-11-01T12:00:00Z", "2026-11-01T12:30:00Z", 1)))));
        }
        ok(api.post(leases.get(0)[0], "/v1/leases/" + leases.get(0)[1] + "/usage/r-2/void", "{\"reason\": \"meter fault\"}"));
        ok(api.post(leases.get(0)[0], "/v1/leases/" + leases.get(0)[1] + "/adjustments", """
                {"adjustmentId": "a-1", "kind": "CREDIT", "amountUnits": "7", "reason": "SLA_CREDIT"}"""));
        ok(api.post(leases.get(0)[0], "/v1/tenants/" + tenant + "/deposits", """
                {"depositId": "d-1", "kind": "DEPOSIT", "amountUnits": "1000"}"""));
        ok(api.post(leases.get(1)[0], "/v1/leases/" + leases.get(1)[1] + "/close",
                Leases.close("SLA_BREACH", "2026-11-04T00:00:00Z")));
    }

    /** Every read whose answer comes from the billing views. */
    private static List<String> reads(List<String[]> leases, String provider, String tenant) {
        List<String> reads = new ArrayList<>();
        for (String[] lease : leases) {
            reads.add(lease[0] + " /v1/leases/" + lease[1]);
        }
        for (String window : List.of("", "?from=2026-11-01T06:00:00Z&to=2026-11-03T00:00:00Z", "?to=2026-11-02T00:00:00Z")) {
            for (String key : List.of(MARKETPLACE_A, MARKETPLACE_B, AUDITOR)) {
                reads.add(key + " /v1/statements/providers/" + provider + window);
                reads.add(key + " /v1/statements/tenants/" + tenant + window);
            }
            reads.add(MARKETPLACE_A + " /v1/statements/marketplace" + window);
            reads.add(MARKETPLACE_B + " /v1/statements/marketplace" + window);
        }
        reads.add(AUDITOR + " /v1/statements/providers/" + provider + " csv");
        reads.add(MARKETPLACE_A + " /v1/statements/marketplace csv");
        return reads;
    }

    private Map<String, Response> read(List<String> reads) {
        Map<String, Response> answers = new LinkedHashMap<>();
        for (String read : reads) {
            String[] parts = read.split(" ");
            Response response = parts.length == 3
                    ? api.get(parts[0], parts[1], "text/csv")
                    : api.get(parts[0], parts[1]);
            answers.put(read, ok(response));
        }
        return answers;
    }

    /** lease_view but its lease numbers, which a rebuild assigns anew. */
    private List<Map<String, Object>> leaseView() {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM lease_view ORDER BY marketplace_id, lease_id");
        rows.forEach(row -> row.remove("lease_ref"));
        return rows;
    }

    /** Each usage event's lines under its lease's name rather than its number. */
    private List<Map<String, Object>> usageLines() {
        return jdbc.queryForList("""
                SELECT l.marketplace_id, l.lease_id, u.sequence_number, u.period_starts::text, u.gpu_seconds::text,
                    u.usage_values::text
                FROM usage_event_lines u JOIN lease_view l ON l.lease_ref = u.lease_ref
                ORDER BY l.marketplace_id, l.lease_id, u.sequence_number""");
    }

    /** This test's corrections and its tenant's movements, under their leases' names. */
    private List<Map<String, Object>> corrections(String provider, String tenant) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT l.marketplace_id, l.lease_id, c.sequence_number, c.placed_at, c.gpu_seconds, c.usage_value,
                    c.adjustment_units
                FROM lease_correction c JOIN lease_view l ON l.lease_ref = c.lease_ref
                WHERE l.provider_id = ?
                ORDER BY l.marketplace_id, l.lease_id, c.sequence_number""", provider);
        rows.addAll(jdbc.queryForList("""
                SELECT marketplace_id, tenant_id, sequence_number, recorded_at, deposits_units, credits_units,
                    charges_units, held_units, released_units
                FROM tenant_movement WHERE tenant_id = ? ORDER BY marketplace_id, sequence_number""", tenant));
        return rows;
    }

    private static Response ok(Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 201);
        return response;
    }
}
