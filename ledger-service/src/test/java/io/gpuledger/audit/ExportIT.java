package io.gpuledger.audit;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MARKETPLACE_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportIT extends LedgerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLeaseHistoryExportsAsJsonLinesAndCsvWithTheHashesOfItsHistory() throws Exception {
        String leaseId = Leases.uniqueId("export");
        String providerId = Leases.uniqueId("prov");
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId, providerId, "tenant-x", 8, "2100000", 500,
                "2026-11-01T00:00:00Z", null)).status()).isEqualTo(201);
        for (int hour = 0; hour < 3; hour++) {
            String start = "2026-11-02T0" + hour + ":00:00Z";
            String end = "2026-11-02T0" + (hour + 1) + ":00:00Z";
            assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                    Leases.usage("r-" + hour, start, end, 3600)).status()).isEqualTo(201);
        }
        await().until(() -> api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).status() == 200);
        List<JsonNode> history = List.copyOf(JSON.readValue(
                api.get(MARKETPLACE_A, "/v1/leases/" + leaseId + "/events").json().path("events").toString(),
                JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class)));

        Response lines = api.get(MARKETPLACE_A, "/v1/exports/events?leaseId=" + leaseId, "application/x-ndjson");
        assertThat(lines.status()).isEqualTo(200);
        String[] rows = lines.body().split("\n");
        assertThat(rows).hasSize(4);
        for (int i = 0; i < rows.length; i++) {
            JsonNode row = JSON.readTree(rows[i]);
            assertThat(row.path("eventId").asText()).isEqualTo(history.get(i).path("eventId").asText());
            assertThat(row.path("hash").asText()).isEqualTo(history.get(i).path("hash").asText());
        }

        Response csv = api.get(AUDITOR, "/v1/exports/events?providerId=" + providerId, "text/csv");
        String[] csvRows = csv.body().split("\r\n");
        assertThat(csvRows).hasSize(5);
        assertThat(csvRows[0]).startsWith("globalIndex,eventId");

        assertThat(api.get(MARKETPLACE_B, "/v1/exports/events?leaseId=" + leaseId, "application/x-ndjson").body())
                .as("another marketplace exports nothing of it").isEmpty();
        assertThat(api.get(MARKETPLACE_A, "/v1/statements/providers/" + providerId, "application/x-ndjson").body()
                .split("\n")).hasSize(1);
    }
}
