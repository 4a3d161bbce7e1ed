package io.gpuledger.lease;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import org.junit.jupiter.api.Test;

class LeaseApiIT extends LedgerIT {

    @Test
    void opensALeaseRecordsUsageAndShowsRunningTotals() {
        String leaseId = Leases.uniqueId("lease");
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(opened.json().path("state").asText()).isEqualTo("ACTIVE");

        Response usage = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28800));
        assertThat(usage.status()).as(usage.toString()).isEqualTo(201);
        // 28800 GPU-seconds at 2.1 units per GPU-hour: 16,800,000 units, 5% fee.
        assertThat(usage.json().path("chargedUnits").asText()).isEqualTo("16800000");
        assertThat(usage.json().path("feeUnits").asText()).isEqualTo("840000");

        await().untilAsserted(() -> {
            Response lease = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId);
            assertThat(lease.status()).isEqualTo(200);
            assertThat(lease.json().path("gpuSecondsRecorded").asLong()).isEqualTo(28800);
            assertThat(lease.json().path("chargedUnits").asText()).isEqualTo("16800000");
            assertThat(lease.json().path("providerUnits").asText()).isEqualTo("15960000");
        });

        Response history = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId + "/events");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().path("events")).hasSize(2);
        assertThat(history.json().path("events").get(0).path("type").asText()).isEqualTo("LeaseOpenedEvent");
        assertThat(history.json().path("events").get(1).path("type").asText()).isEqualTo("UsageRecordedEvent");
        assertThat(history.json().path("events").get(1).path("occurredAt").asText()).isEqualTo("2026-11-01T01:00:00Z");
        assertThat(history.json().path("events").get(1).path("hash").asText()).matches("0x[0-9a-f]{64}");
        assertThat(history.json().path("events").get(1).path("payload").path("gpuSeconds").asLong()).isEqualTo(28800);
        assertThat(api.get(io.gpuledger.support.TestKeys.MARKETPLACE_B, "/v1/leases/" + leaseId + "/events").status())
                .as("another marketplace never sees the history").isEqualTo(404);
    }
}
