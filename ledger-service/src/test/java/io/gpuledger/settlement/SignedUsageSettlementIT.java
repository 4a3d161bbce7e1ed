package io.gpuledger.settlement;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MKT_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.chain.UsageSigningDomain;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.Leases;
import io.gpuledger.support.Readme;
import io.gpuledger.support.SettlementIT;
import io.gpuledger.usage.MeterSignatures;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * Signed usage from the meter's signature to the provider's token balance on a real chain: a report
 * disputed and voided, one still in its dispute window at the first close and paid by the second,
 * both epochs anchored and pushed, and every payout address holding what an independent model of
 * the money rule (API-CONTRACT.md) and of withholding by slices (docs/MONEY.md) says, to the unit.
 * The window is a few seconds of real time, awaited, as SignedUsageIT does. The GPU-seconds are
 * chosen so that flooring tells slices from sums: epoch 1 pays r-1's and r-4's slices, a unit more
 * than the rule makes of r-1 and r-4 alone, and r-2's void takes back a unit more than its slice.
 */
class SignedUsageSettlementIT extends SettlementIT {

    // anvil's dev accounts 0 and 1: public test keys.
    private static final ECKeyPair METER = key("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    private static final ECKeyPair TENANT = key("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    private static final String METER_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    private static final String TENANT_ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final long WINDOW_SECONDS = 10;
    private static final long PRICE = 2_100_000;
    private static final int FEE_BPS = 500;
    private static final Instant H0 = Instant.parse("2026-11-05T00:00:00Z");

    @Test
    void signedUsageIsPaidOnChainToTheUnitOnceItsDisputeWindowEndsAndNeverWhenVoidedOnDispute() throws Exception {
        String payoutA = freshAddress();
        String payoutB = freshAddress();
        String leaseA = openSignedLease(payoutA, ", \"tenantSigner\": \"" + TENANT_ADDRESS + "\", \"disputeWindowSeconds\": "
                + WINDOW_SECONDS);
        String leaseB = openSignedLease(payoutB, ", \"disputeWindowSeconds\": 0");
        Model modelA = new Model();
        Model modelB = new Model();

        BigInteger a1 = modelA.record(report(leaseA, "r-1", 0, 28_799, true));
        BigInteger b1 = modelB.record(report(leaseB, "r-1", 0, 14_399, false));
        BigInteger a2 = modelA.record(report(leaseA, "r-2", 1, 20_001, false));
        assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + leaseA + "/usage/r-2/dispute", "{\"reason\": \"idle GPUs\"}")
                .status()).isEqualTo(201);
        BigInteger a3 = modelA.record(report(leaseA, "r-3", 2, 10_001, false));
        Instant windowOfA3EndsBy = Instant.now().plusSeconds(WINDOW_SECONDS);
        BigInteger a4 = modelA.record(report(leaseA, "r-4", 3, 7_778, true));

        long first = closeEpoch();
        assertThat(payoutsTo(first, payoutA, payoutB)).isEqualTo(Map.of(payoutA, a1.add(a4), payoutB, b1));
        assertThat(reportsOf(epoch(first).path("withheldUsage"), leaseA, leaseB)).containsExactly(
                "r-2 DISPUTED " + a2, "r-3 IN_DISPUTE_WINDOW " + a3);
        anchorAndPush(first);
        assertThat(tokenBalance(payoutA)).isEqualTo(a1.add(a4));
        assertThat(tokenBalance(payoutB)).isEqualTo(b1);

        Response voided = api.post(MARKETPLACE_A, "/v1/leases/" + leaseA + "/usage/r-2/resolve", "{\"outcome\": \"VOID\"}");
        assertThat(voided.status()).as(voided.toString()).isEqualTo(201);
        BigInteger voidOfA2 = modelA.voidReport(20_001);
        BigInteger b2 = modelB.record(report(leaseB, "r-2", 1, 1_001, false));
        await().atMost(Duration.ofSeconds(60)).until(() -> Instant.now().isAfter(windowOfA3EndsBy));

        long second = closeEpoch();
        assertThat(payoutsTo(second, payoutA, payoutB)).isEqualTo(Map.of(payoutA, a2.add(a3).add(voidOfA2), payoutB, b2));
        assertThat(reportsOf(epoch(second).path("withheldUsage"), leaseA, leaseB)).isEmpty();
        assertThat(reportsOf(epoch(second).path("releasedUsage"), leaseA, leaseB)).containsExactly(
                "r-2 DISPUTED " + a2, "r-3 IN_DISPUTE_WINDOW " + a3);
        anchorAndPush(second);

        assertThat(tokenBalance(payoutA)).as("lease A: r-1, r-3 and r-4 under the money rule")
                .isEqualTo(modelA.providerUnits()).isEqualTo(providerUnits(28_799 + 10_001 + 7_778));
        assertThat(tokenBalance(payoutB)).as("lease B: r-1 and r-2").isEqualTo(modelB.providerUnits())
                .isEqualTo(providerUnits(14_399 + 1_001));
        assertThat(tokenBalance(contracts.distributor().getContractAddress())).isZero();
        await().untilAsserted(() -> assertThat(api.get(MARKETPLACE_A, "/v1/leases/" + leaseA).json()
                .path("providerUnits").asText()).isEqualTo(modelA.providerUnits().toString()));
        JsonNode verdict = api.get(AUDITOR, "/v1/audit/verify").json();
        assertThat(verdict.path("ok").asBoolean()).as(verdict.toString()).isTrue();
    }

    /**
     * The README's signed report, run as written by bash from the repository's root (the signing
     * command included) against this ledger, with a key of the run command's marketplace: the
     * signature ethers made is the one the Java signer makes (both RFC 6979), and the figures the
     * README's comments quote are the ledger's answers.
     */
    @Test
    void theReadmesSignedReportRunsAsWritten() throws Exception {
        Response created = api.post(OPERATOR, "/v1/keys", "{\"marketplaceId\": \"demo-marketplace\", \"role\": \"MARKETPLACE\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String demoKey = created.json().path("key").asText();

        String output = Readme.run(Readme.blockWith("sign-usage.mjs"),
                Map.of("L", "http://localhost:" + port, "MARKETPLACE_KEY", demoKey));

        assertThat(output).contains("\"providerUnits\":\"15960000\"", "\"code\":\"USAGE_SIGNATURE_INVALID\"",
                "\"status\":\"DISPUTED\"", "\"outcome\":\"ACCEPT\"");
        UsageSigningDomain domain = new UsageSigningDomain(contracts.chainId(), contracts.anchor().getContractAddress());
        String expected = MeterSignatures.sign(METER, domain, "demo-marketplace", "mkt-lease-0003", "meter-7-000001",
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T01:00:00Z"), 28_800);
        JsonNode events = api.get(demoKey, "/v1/leases/mkt-lease-0003/events").json().path("events");
        assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("LeaseOpenedEvent",
                "UsageRecordedEvent", "UsageDisputedEvent", "UsageDisputeResolvedEvent");
        assertThat(events.get(1).path("payloadText").asText()).contains("\"signature\":\"" + expected + "\"");
    }

    /**
     * One lease's payable history as docs/MONEY.md has it, written from the rule and not from the
     * code: each report or void moves the lease's cumulative provider units by a slice fixed when it
     * is recorded, and withholding only moves a slice to a later epoch.
     */
    private static final class Model {

        private long gpuSeconds;

        BigInteger record(long seconds) {
            return move(seconds);
        }

        BigInteger voidReport(long seconds) {
            return move(-seconds);
        }

        BigInteger providerUnits() {
            return SignedUsageSettlementIT.providerUnits(gpuSeconds);
        }

        private BigInteger move(long seconds) {
            BigInteger before = providerUnits();
            gpuSeconds += seconds;
            return providerUnits().subtract(before);
        }
    }

    /** The money rule at one price: charged = ⌊Σ gpuSeconds × price / 3600⌋, fee = ⌊charged × bps / 10000⌋. */
    private static BigInteger providerUnits(long gpuSeconds) {
        BigInteger charged = BigInteger.valueOf(gpuSeconds).multiply(BigInteger.valueOf(PRICE))
                .divide(BigInteger.valueOf(3600));
        BigInteger fee = charged.multiply(BigInteger.valueOf(FEE_BPS)).divide(BigInteger.valueOf(10_000));
        return charged.subtract(fee);
    }

    private String openSignedLease(String payout, String terms) {
        String leaseId = Leases.uniqueId("signed");
        String body = Leases.open(leaseId, "prov-s", "tenant-s", 8, Long.toString(PRICE), FEE_BPS,
                        "2026-10-01T00:00:00Z", null).replace(Leases.PAYOUT_ADDRESS, payout)
                .replaceFirst("\\}\\s*$", ", \"meterSigner\": \"" + METER_ADDRESS + "\"" + terms + "}");
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return leaseId;
    }

    /** Records the meter-signed report of hour {@code hour}, countersigned or not; answers its GPU-seconds. */
    private long report(String leaseId, String reportId, int hour, long gpuSeconds, boolean countersigned) {
        Instant start = H0.plusSeconds(3600L * hour);
        Instant end = start.plusSeconds(3600);
        UsageSigningDomain domain = new UsageSigningDomain(contracts.chainId(), contracts.anchor().getContractAddress());
        String signature = MeterSignatures.sign(METER, domain, MKT_A, leaseId, reportId, start, end, gpuSeconds);
        String countersignature = countersigned
                ? ", \"tenantSignature\": \"" + MeterSignatures.sign(TENANT, domain, MKT_A, leaseId, reportId, start, end,
                gpuSeconds) + "\""
                : "";
        Response recorded = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage", """
                {"reportId": "%s", "periodStart": "%s", "periodEnd": "%s", "gpuSeconds": %d, "signature": "%s"%s}
                """.formatted(reportId, start, end, gpuSeconds, signature, countersignature));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        return gpuSeconds;
    }

    /** Anchors the epoch, checks its root on-chain, then pushes its payouts and waits until they are paid. */
    private void anchorAndPush(long epoch) throws Exception {
        assertThat(anchor(epoch).status()).isEqualTo(202);
        JsonNode anchored = awaitStatus(epoch, "ANCHORED");
        assertThat(Numeric.toHexString(contracts.anchor().payoutRoot(BigInteger.valueOf(epoch)).send()))
                .isEqualTo(anchored.path("payoutRoot").asText());
        assertThat(push(epoch).status()).isEqualTo(202);
        awaitStatus(epoch, "PAID");
        assertThat(payoutList(epoch)).allSatisfy(p -> assertThat(p.path("status").asText()).isEqualTo("CONFIRMED"));
    }

    /** The epoch's payouts to these accounts (the class's other test pays its own address). */
    private Map<String, BigInteger> payoutsTo(long epoch, String... accounts) {
        Map<String, BigInteger> paid = new java.util.HashMap<>(payouts(epoch));
        paid.keySet().retainAll(List.of(accounts));
        return paid;
    }

    private static List<String> reportsOf(JsonNode usage, String... leases) {
        List<String> leaseIds = List.of(leases);
        List<String> found = new ArrayList<>();
        usage.forEach(u -> {
            if (leaseIds.contains(u.path("leaseId").asText())) {
                found.add(u.path("reportId").asText() + " " + u.path("reason").asText() + " "
                        + u.path("providerUnits").asText());
            }
        });
        return found;
    }

    private static ECKeyPair key(String hex) {
        return ECKeyPair.create(Numeric.toBigInt(hex));
    }
}
