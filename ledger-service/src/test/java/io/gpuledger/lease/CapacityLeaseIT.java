package io.gpuledger.lease;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
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
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * A capacity lease through the API against PostgreSQL: energy reports, a price change, a close and
 * three epoch closes with accrueThrough chosen here; every amount is checked to the unit against
 * {@link Model}, the contract's formulas in plain BigInteger arithmetic.
 */
class CapacityLeaseIT extends LedgerIT {

    private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
    private static final long CAPACITY_KW = 1_000;
    private static final int FEE_BPS = 350;

    @Test
    void aCapacityLeasesFeeAndEnergySettleInTheEpochsThatAccrueThemToTheUnit() throws Exception {
        String address = Keys.toChecksumAddress(Credentials.create(Keys.createEcKeyPair()).getAddress());
        String provider = Leases.uniqueId("site");
        String leaseId = open(address, provider);
        Model model = new Model();
        model.rate(T0, 1_000_003, 70_001);

        assertThat(energy(leaseId, "r-1", 0, 1, 777_777).status()).isEqualTo(201);
        model.energy(T0, 777_777);
        assertThat(energy(leaseId, "r-2", 1, 2, 999_999).status()).isEqualTo(201);
        model.energy(hour(1), 999_999);
        Response overCapacity = energy(leaseId, "r-3", 2, 3, 1_000_001);
        Response gpuSeconds = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-4", at(2), at(3), 3600));
        assertThat(overCapacity.code()).as(overCapacity.toString()).isEqualTo("USAGE_EXCEEDS_CAPACITY");
        assertThat(gpuSeconds.status()).isEqualTo(400);
        assertThat(gpuSeconds.code()).isEqualTo("USAGE_QUANTITY_MISMATCH");

        BigInteger energyBeforeHour2 = model.energyValue;
        Instant firstAccrual = hour(5).plusSeconds(17);
        long first = closeEpoch(firstAccrual);
        model.accrueThrough(firstAccrual);
        BigInteger firstFee = model.feeValue.multiply(BigInteger.valueOf(1000));
        BigInteger providerAfterFirst = model.provider();
        assertThat(payoutOf(first, address)).isEqualTo(providerAfterFirst.toString());
        JsonNode lines = api.get(OPERATOR, "/v1/settlement/epochs/" + first).json().path("capacity");
        assertThat(lines.path("energy").path("chargedUnits").asText()).isEqualTo(Model.floor(energyBeforeHour2).toString());
        assertThat(lines.path("capacityFee").path("chargedUnits").asText()).isEqualTo(model.charged()
                .subtract(Model.floor(energyBeforeHour2)).toString());

        Response wrongKind = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/price",
                Leases.price("1800000", at(6)));
        assertThat(wrongKind.status()).as(wrongKind.toString()).isEqualTo(400);
        assertThat(wrongKind.code()).isEqualTo("PRICE_CHANGE_KIND_MISMATCH");
        Response price = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/price", """
                {"feeUnitsPerHour": "2000000", "energyUnitsPerKwh": "80000", "effectiveFrom": "%s"}
                """.formatted(at(6)));
        assertThat(price.status()).as(price.toString()).isEqualTo(200);
        model.rate(hour(6), 2_000_000, 80_000);
        assertThat(energy(leaseId, "r-5", 2, 3, 500_000).status()).as("priced before the change").isEqualTo(201);
        model.energy(hour(2), 500_000);
        assertThat(energy(leaseId, "r-6", 6, 7, 100_000).status()).isEqualTo(201);
        model.energy(hour(6), 100_000);
        Response closed = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/close",
                Leases.close("TENANT_ENDED", at(8)));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);

        long second = closeEpoch(hour(10));
        model.accrueThrough(hour(8));
        long third = closeEpoch(hour(10));

        assertThat(payoutOf(second, address)).isEqualTo(model.provider().subtract(providerAfterFirst).toString());
        assertThat(payoutOf(third, address)).as("nothing accrues twice").isNull();
        JsonNode lease = awaitLease(leaseId, l -> l.path("feeAccruedThrough").asText().equals(at(8)));
        assertThat(lease.path("chargedUnits").asText()).isEqualTo(model.charged().toString());
        assertThat(lease.path("feeUnits").asText()).isEqualTo(model.fee().toString());
        assertThat(lease.path("providerUnits").asText()).isEqualTo(model.provider().toString());
        assertThat(lease.path("pricing").path("kind").asText()).isEqualTo("CAPACITY");
        assertThat(lease.path("pricing").path("feeUnitsPerHour").asText()).isEqualTo("2000000");
        assertThat(lease.path("priceUnitsPerGpuHour").isNull()).isTrue();
        assertThat(lease.path("energyWhRecorded").asLong()).isEqualTo(777_777 + 999_999 + 500_000 + 100_000);
        assertThat(lease.path("capacityFeeUnits").asText()).isEqualTo(model.feeOnly().toString());
        String payable = "payable:" + address;
        JsonNode entries = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get(AUDITOR, "/v1/accounts/" + payable + "/entries").json(),
                        e -> e.path("balanceUnits").asText().equals(model.provider().toString()));
        assertThat(entries.path("items")).extracting(e -> e.path("eventType").asText())
                .contains("UsageRecordedEvent", "CapacityFeeAccruedEvent");
        assertThat(api.get(AUDITOR, "/v1/accounts").json().path("totalUnits").asText()).isEqualTo("0");

        // The first fee accrual's span starts at T0, the second's at 05:00:17: windows split at 02:00.
        JsonNode early = statementLine(provider, "?to=" + at(2));
        JsonNode late = statementLine(provider, "?from=" + at(2));
        BigInteger earlyNet = Model.floor(energyBeforeHour2.add(firstFee));
        assertThat(early.path("chargedUnits").asText()).as("energy").isEqualTo(Model.floor(energyBeforeHour2).toString());
        assertThat(early.path("capacityFee").path("chargedUnits").asText())
                .isEqualTo(earlyNet.subtract(Model.floor(energyBeforeHour2)).toString());
        assertThat(early.path("net").path("chargedUnits").asText()).isEqualTo(earlyNet.toString());
        assertThat(late.path("net").path("chargedUnits").asText())
                .isEqualTo(model.charged().subtract(earlyNet).toString());
        assertThat(early.path("energy")).as("the energy on a line of its own").isEqualTo(amountsOf(early));

        // The CSV has the same parts as columns of their own; with one lease, its TOTAL row is the same.
        String[] csv = api.get(MARKETPLACE_A, "/v1/statements/providers/" + provider + "?to=" + at(2), "text/csv")
                .body().split("\r\n");
        List<String> header = List.of(csv[0].split(","));
        assertThat(csv).hasSize(3);
        for (String[] row : List.of(csv[1].split(",", -1), csv[2].split(",", -1))) {
            for (String part : List.of("energy", "capacityFee", "net")) {
                for (String units : List.of("chargedUnits", "feeUnits", "providerUnits")) {
                    String column = part + Character.toUpperCase(units.charAt(0)) + units.substring(1);
                    assertThat(row[header.indexOf(column)]).as(row[0] + " " + column)
                            .isEqualTo(early.path(part).path(units).asText());
                }
            }
        }
    }

    private static JsonNode amountsOf(JsonNode line) {
        return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("chargedUnits", line.path("chargedUnits").asText())
                .put("feeUnits", line.path("feeUnits").asText())
                .put("providerUnits", line.path("providerUnits").asText());
    }

    private JsonNode statementLine(String provider, String window) {
        Response statement = api.get(MARKETPLACE_A, "/v1/statements/providers/" + provider + window);
        assertThat(statement.status()).as(statement.toString()).isEqualTo(200);
        assertThat(statement.json().path("leases")).hasSize(1);
        return statement.json().path("leases").get(0);
    }

    @Test
    void aBatchTakesEnergyForACapacityLeaseAndAVoidGivesItBack() {
        String provider = Leases.uniqueId("site");
        String leaseId = open(Leases.PAYOUT_ADDRESS, provider);
        Response batch = api.post(MARKETPLACE_A, "/v1/usage:batch", """
                {"reports": [
                  {"leaseId": "%1$s", "reportId": "b-1", "periodStart": "%2$s", "periodEnd": "%3$s", "energyWh": 360000},
                  {"leaseId": "%1$s", "reportId": "b-2", "periodStart": "%3$s", "periodEnd": "%4$s", "gpuSeconds": 60},
                  {"leaseId": "%1$s", "reportId": "b-3", "periodStart": "%3$s", "periodEnd": "%4$s", "energyWh": 1000001}]}
                """.formatted(leaseId, at(0), at(1), at(2)));

        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        assertThat(batch.json().path("results")).extracting(r -> r.path("status").asText() + " " + (r.hasNonNull("code") ? r.path("code").asText() : ""))
                .containsExactly("ACCEPTED ", "REJECTED USAGE_QUANTITY_MISMATCH", "REJECTED USAGE_EXCEEDS_CAPACITY");
        // 360 kWh at 70,001 per kWh: 25,200,360 units.
        assertThat(batch.json().path("results").get(0).path("chargedUnits").asText()).isEqualTo("25200360");
        Response voided = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage/b-1/void", "{\"reason\": \"PDU fault\"}");
        assertThat(voided.status()).as(voided.toString()).isEqualTo(201);
        assertThat(voided.json().path("chargedUnits").asText()).isEqualTo("-25200360");
        JsonNode lease = awaitLease(leaseId, l -> l.path("energyWhRecorded").asLong() == 0
                && l.path("chargedUnits").asText().equals("0"));
        assertThat(lease.path("energyUnits").asText()).isEqualTo("0");
        JsonNode line = statementLine(provider, "");
        assertThat(line.path("chargedUnits").asText()).isEqualTo("25200360");
        assertThat(line.path("voids").path("chargedUnits").asText()).isEqualTo("-25200360");
        assertThat(line.path("net").path("chargedUnits").asText()).isEqualTo("0");
        // Closed and accrued through its close, the lease leaves nothing to accrue in later epochs.
        assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/close", Leases.close("TENANT_ENDED", at(2)))
                .status()).isEqualTo(200);
        closeEpoch(hour(2));
    }

    @Test
    void aCloseTakesAnAccrueThroughAndNothingElse() {
        Response unknown = api.post(OPERATOR, "/v1/settlement/epochs", "{\"accrueTo\": \"2026-10-01T00:00:00Z\"}");
        Response notAnInstant = api.post(OPERATOR, "/v1/settlement/epochs", "{\"accrueThrough\": \"tomorrow\"}");

        assertThat(unknown.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(notAnInstant.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aCapacityLeaseTakesNoPricePerGpuHour() {
        Response both = api.post(MARKETPLACE_A, "/v1/leases", openBody(Leases.uniqueId("cap"), Leases.PAYOUT_ADDRESS, "site-7")
                .replace("\"pricing\"", "\"priceUnitsPerGpuHour\": \"1\", \"pricing\""));

        assertThat(both.status()).as(both.toString()).isEqualTo(400);
        assertThat(both.code()).isEqualTo("PRICING_CONFLICT");
    }

    /** The contract's formulas, computed apart from the ledger: values over 3,600,000, floored once. */
    private static final class Model {

        private record Rate(Instant from, long feePerHour, long energyPerKwh) {
        }

        private final List<Rate> rates = new ArrayList<>();
        private BigInteger energyValue = BigInteger.ZERO;
        /** Σ whole seconds × feeUnitsPerHour, over 3600. */
        private BigInteger feeValue = BigInteger.ZERO;
        private Instant accruedThrough = T0;

        void rate(Instant from, long feePerHour, long energyPerKwh) {
            rates.add(new Rate(from, feePerHour, energyPerKwh));
        }

        void energy(Instant periodStart, long energyWh) {
            energyValue = energyValue.add(BigInteger.valueOf(energyWh)
                    .multiply(BigInteger.valueOf(rateAt(periodStart).energyPerKwh())).multiply(BigInteger.valueOf(3600)));
        }

        /** Second by second, so the pieces of the rate schedule are not computed as the ledger does. */
        void accrueThrough(Instant through) {
            for (Instant s = accruedThrough; s.isBefore(through); s = s.plusSeconds(1)) {
                feeValue = feeValue.add(BigInteger.valueOf(rateAt(s).feePerHour()));
            }
            accruedThrough = through;
        }

        private Rate rateAt(Instant moment) {
            Rate inForce = rates.get(0);
            for (Rate rate : rates) {
                if (!rate.from().isAfter(moment)) {
                    inForce = rate;
                }
            }
            return inForce;
        }

        BigInteger charged() {
            return floor(feeValue.multiply(BigInteger.valueOf(1000)).add(energyValue));
        }

        /** Units of a value over 3,600,000. */
        static BigInteger floor(BigInteger value) {
            return value.divide(BigInteger.valueOf(3_600_000));
        }

        BigInteger fee() {
            return charged().multiply(BigInteger.valueOf(FEE_BPS)).divide(BigInteger.valueOf(10_000));
        }

        BigInteger provider() {
            return charged().subtract(fee());
        }

        BigInteger feeOnly() {
            return feeValue.divide(BigInteger.valueOf(3600));
        }
    }

    private String open(String payoutAddress, String provider) {
        String leaseId = Leases.uniqueId("cap");
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", openBody(leaseId, payoutAddress, provider));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(opened.json().path("pricing").path("kind").asText()).isEqualTo("CAPACITY");
        return leaseId;
    }

    private static String openBody(String leaseId, String payoutAddress, String provider) {
        return """
                {"leaseId": "%s", "providerId": "%s", "providerPayoutAddress": "%s", "tenantId": "tenant-42",
                 "gpuModel": "GB200-NVL72", "gpuCount": 72, "marketplaceFeeBps": %d, "startsAt": "%s",
                 "pricing": {"kind": "CAPACITY", "capacityKw": %d, "feeUnitsPerHour": "1000003",
                             "energyUnitsPerKwh": "70001"}}
                """.formatted(leaseId, provider, payoutAddress, FEE_BPS, T0, CAPACITY_KW);
    }

    private Response energy(String leaseId, String reportId, int fromHour, int toHour, long energyWh) {
        return api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage", """
                {"reportId": "%s", "periodStart": "%s", "periodEnd": "%s", "energyWh": %d}
                """.formatted(reportId, at(fromHour), at(toHour), energyWh));
    }

    private long closeEpoch(Instant accrueThrough) {
        Response closed = api.post(OPERATOR, "/v1/settlement/epochs",
                "{\"accrueThrough\": \"" + accrueThrough + "\"}");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        long epoch = closed.json().path("epoch").asLong();
        await().untilAsserted(() -> assertThat(api.get(OPERATOR, "/v1/settlement/epochs/" + epoch).status())
                .isEqualTo(200));
        return epoch;
    }

    private String payoutOf(long epoch, String address) {
        JsonNode payouts = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(OPERATOR, "/v1/settlement/epochs/" + epoch + "/payouts?limit=1000"),
                        r -> r.status() == 200).json();
        for (JsonNode payout : payouts.path("payouts")) {
            if (payout.path("account").asText().equals(address)) {
                return payout.path("amountUnits").asText();
            }
        }
        return null;
    }

    private JsonNode awaitLease(String leaseId, Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).json(), until::test);
    }

    private static Instant hour(int hours) {
        return T0.plusSeconds(3600L * hours);
    }

    private static String at(int hours) {
        return hour(hours).toString();
    }
}
