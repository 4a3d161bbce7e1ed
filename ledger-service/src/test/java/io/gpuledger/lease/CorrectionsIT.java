package io.gpuledger.lease;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.EpochLines;
import io.gpuledger.support.Leases;
import io.gpuledger.support.LedgerIT;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/** Voids and adjustments through the API, and a correction after payout carried into later epochs. */
class CorrectionsIT extends LedgerIT {

    private static final String HOUR_START = "2026-11-01T00:00:00Z";
    private static final String HOUR_END = "2026-11-01T01:00:00Z";

    @Test
    void aVoidedReportStopsCountingAndItsPeriodTakesACorrectedReport() {
        String leaseId = open(Leases.PAYOUT_ADDRESS, "");
        usage(leaseId, "r-1", HOUR_START, HOUR_END, 28_800);

        Response voided = voidOf(leaseId, "r-1");
        Response again = voidOf(leaseId, "r-1");
        Response corrected = usage(leaseId, "r-2", HOUR_START, HOUR_END, 14_400);

        assertThat(voided.status()).as(voided.toString()).isEqualTo(201);
        assertThat(voided.json().path("chargedUnits").asText()).isEqualTo("-16800000");
        assertThat(voided.json().path("providerUnits").asText()).isEqualTo("-15960000");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("chargedUnits").asText()).isEqualTo("-16800000");
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
        JsonNode lease = awaitLease(leaseId, l -> l.path("gpuSecondsRecorded").asLong() == 14_400);
        assertThat(lease.path("chargedUnits").asText()).isEqualTo("8400000");
        assertThat(voidOf(leaseId, "r-9").code()).isEqualTo("USAGE_REPORT_NOT_FOUND");
    }

    @Test
    void aCreditLowersTheChargesAndMayNotExceedThem() {
        String leaseId = open(Leases.PAYOUT_ADDRESS, "");
        usage(leaseId, "r-1", HOUR_START, HOUR_END, 28_800);

        Response credit = adjust(leaseId, "a-1", "CREDIT", "1000000");
        Response tooMuch = adjust(leaseId, "a-2", "CREDIT", "15800001");
        Response reused = adjust(leaseId, "a-1", "CREDIT", "2000000");

        assertThat(credit.status()).as(credit.toString()).isEqualTo(201);
        assertThat(credit.json().path("chargedUnits").asText()).isEqualTo("-1000000");
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.code()).isEqualTo("ADJUSTMENT_EXCEEDS_CHARGES");
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.code()).isEqualTo("ADJUSTMENT_CONFLICT");
        JsonNode lease = awaitLease(leaseId, l -> l.path("adjustmentsUnits").asText().equals("-1000000"));
        assertThat(lease.path("chargedUnits").asText()).isEqualTo("15800000");
        assertThat(lease.path("feeUnits").asText()).isEqualTo("790000");
        assertThat(lease.path("providerUnits").asText()).isEqualTo("15010000");
    }

    @Test
    void aVoidAfterPayoutIsCarriedAsANegativeAmountAndNettedAgainstLaterEarnings() throws Exception {
        String address = Keys.toChecksumAddress(Credentials.create(Keys.createEcKeyPair()).getAddress());
        String leaseId = open(address, "");
        usage(leaseId, "r-1", HOUR_START, HOUR_END, 28_800);
        long paid = closeEpoch();
        assertThat(EpochLines.payoutOf(api, paid, address)).isEqualTo("15960000");

        voidOf(leaseId, "r-1");
        long corrected = closeEpoch();
        usage(leaseId, "r-2", "2026-11-01T01:00:00Z", "2026-11-01T02:00:00Z", 14_400);
        long netted = closeEpoch();

        assertThat(EpochLines.payoutOf(api, corrected, address)).as("no payout is negative").isNull();
        assertThat(EpochLines.carriedOf(api, corrected, address)).isEqualTo("-15960000");
        assertThat(EpochLines.payoutOf(api, netted, address)).isNull();
        assertThat(EpochLines.carriedOf(api, netted, address)).as("7,980,000 earned against 15,960,000 carried").isEqualTo("-7980000");
    }

    @Test
    void aVoidOnAPrepaidLeaseGivesTheTenantItsChargesBack() {
        String tenant = Leases.uniqueId("tenant");
        String leaseId = open(Leases.PAYOUT_ADDRESS, ", \"billing\": \"PREPAID\"", tenant);
        api.post(MARKETPLACE_A, "/v1/tenants/" + tenant + "/deposits",
                "{\"depositId\": \"d-1\", \"kind\": \"DEPOSIT\", \"amountUnits\": \"20000000\"}");
        usage(leaseId, "r-1", HOUR_START, HOUR_END, 28_800);

        voidOf(leaseId, "r-1");

        JsonNode balance = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(MARKETPLACE_A, "/v1/tenants/" + tenant + "/balance").json(),
                        b -> b.path("chargesUnits").asText().equals("0"));
        assertThat(balance.path("balanceUnits").asText()).isEqualTo("20000000");
    }

    private String open(String payoutAddress, String extraFields) {
        return open(payoutAddress, extraFields, "tenant-42");
    }

    private String open(String payoutAddress, String extraFields, String tenant) {
        String leaseId = Leases.uniqueId("corr");
        String body = Leases.open(leaseId, "prov-7", tenant, 8, "2100000", 500, "2026-10-01T00:00:00Z", null)
                .replace(Leases.PAYOUT_ADDRESS, payoutAddress);
        body = body.substring(0, body.lastIndexOf('}')) + extraFields + "}";
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return leaseId;
    }

    private Response usage(String leaseId, String reportId, String start, String end, long gpuSeconds) {
        return api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage", Leases.usage(reportId, start, end, gpuSeconds));
    }

    private Response voidOf(String leaseId, String reportId) {
        return api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage/" + reportId + "/void",
                "{\"reason\": \"metered twice\"}");
    }

    private Response adjust(String leaseId, String adjustmentId, String kind, String amount) {
        return api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/adjustments", """
                {"adjustmentId": "%s", "kind": "%s", "amountUnits": "%s", "reason": "GOODWILL"}
                """.formatted(adjustmentId, kind, amount));
    }

    private long closeEpoch() {
        Response closed = api.post(OPERATOR, "/v1/settlement/epochs", "{}");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        long epoch = closed.json().path("epoch").asLong();
        await().untilAsserted(() -> assertThat(api.get(OPERATOR, "/v1/settlement/epochs/" + epoch).status()).isEqualTo(200));
        return epoch;
    }

    private JsonNode awaitLease(String leaseId, Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).json(), until::test);
    }
}
