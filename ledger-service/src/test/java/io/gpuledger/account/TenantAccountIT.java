package io.gpuledger.account;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import io.gpuledger.support.TestKeys;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Deposits, credits and prepaid leases through the API, on real PostgreSQL. */
class TenantAccountIT extends LedgerIT {

    @Test
    void aDepositAnswersTheBalanceAndTheSameDepositAgainChangesNothing() {
        String tenant = Leases.uniqueId("tenant");

        Response first = deposit(tenant, "d-1", "DEPOSIT", "5000000");
        Response again = deposit(tenant, "d-1", "DEPOSIT", "5000000");
        Response credit = deposit(tenant, "c-1", "CREDIT", "250000");

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("balanceUnits").asText()).isEqualTo("5000000");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("balanceUnits").asText()).isEqualTo("5000000");
        assertThat(credit.json().path("creditsUnits").asText()).isEqualTo("250000");
        assertThat(credit.json().path("balanceUnits").asText()).isEqualTo("5250000");
        JsonNode read = awaitBalance(tenant, b -> b.path("balanceUnits").asText().equals("5250000"));
        assertThat(read.path("depositsUnits").asText()).isEqualTo("5000000");
        assertThat(read.path("overdrawnUnits").asText()).isEqualTo("0");
    }

    @Test
    void aDepositIdReusedWithAnotherAmountIsRefusedAndChangesNothing() {
        String tenant = Leases.uniqueId("tenant");
        deposit(tenant, "d-1", "DEPOSIT", "5000000");

        Response conflict = deposit(tenant, "d-1", "DEPOSIT", "6000000");

        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("DEPOSIT_CONFLICT");
        assertThat(deposit(tenant, "d-2", "DEPOSIT", "1").json().path("balanceUnits").asText()).isEqualTo("5000001");
    }

    @Test
    void aDepositOfAnUnknownKindOrNoAmountIsABadRequest() {
        String tenant = Leases.uniqueId("tenant");

        Response kind = deposit(tenant, "d-1", "GIFT", "5000000");
        Response zero = deposit(tenant, "d-2", "DEPOSIT", "0");

        assertThat(kind.status()).isEqualTo(400);
        assertThat(kind.json().path("errors").get(0).path("field").asText()).isEqualTo("kind");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("errors").get(0).path("field").asText()).isEqualTo("amountUnits");
    }

    @Test
    void aDepositIdOfTheEscrowsFormIsRefusedOnTheRoute() {
        String tenant = Leases.uniqueId("tenant");

        Response taken = deposit(tenant, "chain:0x" + "ab".repeat(32) + ":1", "DEPOSIT", "5000000");

        assertThat(taken.status()).as(taken.toString()).isEqualTo(400);
        assertThat(taken.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(taken.json().path("errors").get(0).path("field").asText()).isEqualTo("depositId");
    }

    @Test
    void aPrepaidLeaseThatOverdrawsClosesHoldsItsChargesAndIsReleasedByATopUp() {
        String tenant = Leases.uniqueId("tenant");
        String leaseId = Leases.uniqueId("prepaid");
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", prepaidLease(leaseId, tenant));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(opened.json().path("billing").asText()).isEqualTo("PREPAID");
        deposit(tenant, "d-1", "DEPOSIT", "10000000");

        Response hour = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28_800));
        Response after = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-2", "2026-11-01T01:00:00Z", "2026-11-01T02:00:00Z", 3_600));

        assertThat(hour.status()).as("accepted in full: the GPUs ran").isEqualTo(201);
        assertThat(hour.json().path("chargedUnits").asText()).isEqualTo("16800000");
        assertThat(hour.json().path("held").asBoolean()).isTrue();
        assertThat(hour.json().path("leaseClosed").path("reason").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(hour.json().path("leaseClosed").path("closedAt").asText()).isEqualTo("2026-11-01T01:00:00Z");
        assertThat(after.status()).as(after.toString()).isEqualTo(409);
        assertThat(after.code()).isEqualTo("LEASE_CLOSED");
        JsonNode lease = awaitLease(leaseId, l -> l.path("heldUnits").asText().equals("16800000")
                && l.path("state").asText().equals("CLOSED"));
        assertThat(lease.path("closeReason").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(lease.path("closedAt").asText()).isEqualTo("2026-11-01T01:00:00Z");
        JsonNode overdrawn = awaitBalance(tenant, b -> b.path("chargesUnits").asText().equals("16800000"));
        assertThat(overdrawn.path("balanceUnits").asText()).isEqualTo("-6800000");
        assertThat(overdrawn.path("overdrawnUnits").asText()).isEqualTo("6800000");
        assertThat(overdrawn.path("heldUnits").asText()).isEqualTo("16800000");

        Response topUp = deposit(tenant, "d-2", "DEPOSIT", "6800000");

        assertThat(topUp.json().path("balanceUnits").asText()).isEqualTo("0");
        assertThat(topUp.json().path("heldUnits").asText()).isEqualTo("0");
        awaitLease(leaseId, l -> l.path("heldUnits").asText().equals("0"));
        assertThat(api.get(AUDITOR, "/v1/tenants/" + tenant + "/balance?marketplaceId=" + TestKeys.MKT_A)
                .json().path("heldUnits").asText()).isEqualTo("0");
    }

    @Test
    void aPostpaidLeaseDrawsNothingFromItsTenant() {
        String tenant = Leases.uniqueId("tenant");
        String leaseId = Leases.uniqueId("postpaid");
        api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId, "prov-7", tenant, 8, "2100000", 500,
                "2026-11-01T00:00:00Z", null));

        Response hour = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28_800));

        assertThat(hour.status()).isEqualTo(201);
        JsonNode lease = awaitLease(leaseId, l -> l.path("chargedUnits").asText().equals("16800000"));
        assertThat(lease.path("billing").asText()).isEqualTo("POSTPAID");
        assertThat(lease.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(api.get(MARKETPLACE_A, "/v1/tenants/" + tenant + "/balance").json().path("chargesUnits").asText())
                .isEqualTo("0");
    }

    private static String prepaidLease(String leaseId, String tenant) {
        String open = Leases.open(leaseId, "prov-7", tenant, 8, "2100000", 500, "2026-11-01T00:00:00Z", null);
        return open.substring(0, open.lastIndexOf('}')) + ", \"billing\": \"PREPAID\"}";
    }

    private Response deposit(String tenant, String depositId, String kind, String amount) {
        return api.post(MARKETPLACE_A, "/v1/tenants/" + tenant + "/deposits",
                "{\"depositId\": \"%s\", \"kind\": \"%s\", \"amountUnits\": \"%s\"}".formatted(depositId, kind, amount));
    }

    private JsonNode awaitBalance(String tenant, Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(MARKETPLACE_A, "/v1/tenants/" + tenant + "/balance").json(), until::test);
    }

    private JsonNode awaitLease(String leaseId, Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).json(), until::test);
    }
}
