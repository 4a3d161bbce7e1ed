package io.gpuledger.account;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Clients on several prepaid leases of one tenant spend its last units at once, single reports and
 * batches mixed. The tenant's account decides every draw under its lock, so each lease overdraws at
 * most once (and closes): the balance never falls further below zero than one report per lease.
 */
class PrepaidConcurrencyIT extends LedgerIT {

    private static final int LEASES = 4;
    private static final int REPORTS_PER_LEASE = 12;
    /** A full hour of 8 GPUs at 2,100,000 per GPU-hour. */
    private static final BigInteger REPORT_CHARGE = BigInteger.valueOf(16_800_000);
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void concurrentDrawsNeverSpendTheSameLastUnitsTwice() throws Exception {
        String tenant = Leases.uniqueId("tenant");
        List<String> leases = new ArrayList<>();
        for (int i = 0; i < LEASES; i++) {
            String leaseId = Leases.uniqueId("race");
            String open = Leases.open(leaseId, "prov-7", tenant, 8, "2100000", 500, "2026-11-01T00:00:00Z", null);
            assertThat(api.post(MARKETPLACE_A, "/v1/leases", open.substring(0, open.lastIndexOf('}'))
                    + ", \"billing\": \"PREPAID\"}").status()).isEqualTo(201);
            leases.add(leaseId);
        }
        BigInteger deposit = REPORT_CHARGE.multiply(BigInteger.valueOf(7)).add(BigInteger.valueOf(1_234));
        assertThat(api.post(MARKETPLACE_A, "/v1/tenants/" + tenant + "/deposits", "{\"depositId\": \"d-1\","
                + " \"kind\": \"DEPOSIT\", \"amountUnits\": \"" + deposit + "\"}").status()).isEqualTo(201);

        ExecutorService clients = Executors.newFixedThreadPool(LEASES);
        List<Future<List<Integer>>> answered = new ArrayList<>();
        for (int i = 0; i < LEASES; i++) {
            String leaseId = leases.get(i);
            boolean batches = i % 2 == 0;
            answered.add(clients.submit(() -> spend(leaseId, batches)));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> client : answered) {
            statuses.addAll(client.get());
        }
        clients.shutdown();

        assertThat(statuses).as("every report answered, none with a server error").hasSize(LEASES * REPORTS_PER_LEASE)
                .allMatch(status -> status == 201 || status == 409);
        long accepted = statuses.stream().filter(status -> status == 201).count();
        BigInteger charged = REPORT_CHARGE.multiply(BigInteger.valueOf(accepted));
        JsonNode balance = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(MARKETPLACE_A, "/v1/tenants/" + tenant + "/balance").json(),
                        b -> b.path("chargesUnits").asText().equals(charged.toString()));
        BigInteger balanceUnits = new BigInteger(balance.path("balanceUnits").asText());
        assertThat(balanceUnits).isEqualTo(deposit.subtract(charged));
        assertThat(balanceUnits).as("at most one overdrawing report per lease")
                .isGreaterThanOrEqualTo(REPORT_CHARGE.multiply(BigInteger.valueOf(LEASES)).negate());
        assertThat(balanceUnits.signum()).as("the deposit ran out").isNegative();
        BigInteger held = BigInteger.ZERO;
        for (String leaseId : leases) {
            JsonNode lease = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).json(),
                            l -> l.path("state").asText().equals("CLOSED"));
            assertThat(lease.path("closeReason").asText()).isEqualTo("INSUFFICIENT_FUNDS");
            held = held.add(new BigInteger(lease.path("heldUnits").asText()));
        }
        assertThat(held).as("what the leases hold is what the tenant holds")
                .isEqualTo(new BigInteger(balance.path("heldUnits").asText()));
        assertThat(held).as("each lease holds its one overdrawing report")
                .isEqualTo(REPORT_CHARGE.multiply(BigInteger.valueOf(LEASES)));
    }

    /** One status per report: single calls, or batches of three reports. */
    private List<Integer> spend(String leaseId, boolean batches) {
        List<Integer> statuses = new ArrayList<>();
        for (int hour = 0; hour < REPORTS_PER_LEASE; hour += batches ? 3 : 1) {
            if (!batches) {
                statuses.add(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                        Leases.usage("r-" + hour, at(hour), at(hour + 1), 28_800)).status());
                continue;
            }
            List<String> reports = new ArrayList<>();
            for (int h = hour; h < hour + 3; h++) {
                reports.add(Leases.batchReport(leaseId, "r-" + h, at(h), at(h + 1), 28_800));
            }
            Response batch = api.post(MARKETPLACE_A, "/v1/usage:batch", Leases.batch(reports));
            assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
            for (JsonNode result : batch.json().path("results")) {
                statuses.add(result.path("status").asText().equals("ACCEPTED") ? 201
                        : result.path("code").asText().equals("LEASE_CLOSED") ? 409 : 500);
            }
        }
        return statuses;
    }

    private static String at(int hour) {
        return START.plusSeconds(3600L * hour).toString();
    }
}
