package io.gpuledger.settlement;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.Leases;
import io.gpuledger.support.SettlementIT;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/**
 * Every deal shape in one epoch on a real chain: a capacity lease (a day's fee accrued through the
 * close's accrueThrough, plus metered energy), a GPU-hour lease whose October uptime earns an SLA
 * credit, and a reward pool split by weights among both providers and a validator. The epoch is
 * anchored and pushed, and each address holds what an independent model of the contract's rules
 * (API-CONTRACT.md, "Money rule" and "Deal shapes") says, to the unit.
 */
class DealShapesSettlementIT extends SettlementIT {

    private static final BigInteger FEE_PER_HOUR = BigInteger.valueOf(7_000_001);
    private static final BigInteger PER_KWH = BigInteger.valueOf(33_333);
    private static final long ENERGY_WH = 777_777;
    private static final int SITE_FEE_BPS = 333;
    private static final BigInteger PRICE = BigInteger.valueOf(2_100_000);
    private static final long GPU_SECONDS = 28_800;
    private static final int GPU_FEE_BPS = 500;
    private static final BigInteger POOL = BigInteger.valueOf(1_000_003);
    private static final BigInteger HOUR = BigInteger.valueOf(3600);
    private static final BigInteger CAPACITY_DENOMINATOR = BigInteger.valueOf(3_600_000);

    @Test
    void aCapacityLeaseAnSlaCreditAndAPoolSettleInOneEpochAndPayOnChainToTheUnit() throws Exception {
        String site = freshAddress();
        String gpus = freshAddress();
        String validator = freshAddress();
        String siteLease = open(site, """
                "gpuModel": "GB200-NVL72", "gpuCount": 72, "marketplaceFeeBps": %d,
                "pricing": {"kind": "CAPACITY", "capacityKw": 1000, "feeUnitsPerHour": "%s", "energyUnitsPerKwh": "%s"},
                "startsAt": "2026-10-01T00:00:00Z", "endsAt": "2026-10-02T00:00:00Z"
                """.formatted(SITE_FEE_BPS, FEE_PER_HOUR, PER_KWH));
        String gpuLease = open(gpus, """
                "gpuModel": "H100-SXM-80GB", "gpuCount": 8, "marketplaceFeeBps": %d, "priceUnitsPerGpuHour": "%s",
                "startsAt": "2026-10-01T00:00:00Z", "endsAt": "2026-10-31T00:00:00Z",
                "sla": {"uptimeTargetBps": 9990, "credits": [{"belowBps": 9990, "creditBps": 1000},
                        {"belowBps": 9900, "creditBps": 3000}]}
                """.formatted(GPU_FEE_BPS, PRICE));
        ok(api.post(MARKETPLACE_A, "/v1/leases/" + siteLease + "/usage", """
                {"reportId": "e-1", "periodStart": "2026-10-01T00:00:00Z", "periodEnd": "2026-10-01T01:00:00Z",
                 "energyWh": %d}""".formatted(ENERGY_WH)));
        ok(api.post(MARKETPLACE_A, "/v1/leases/" + gpuLease + "/usage",
                Leases.usage("g-1", "2026-10-01T00:00:00Z", "2026-10-01T01:00:00Z", GPU_SECONDS)));
        ok(api.post(MARKETPLACE_A, "/v1/leases/" + gpuLease + "/downtime",
                "{\"reportId\": \"d-1\", \"from\": \"2026-10-02T00:00:00Z\", \"to\": \"2026-10-02T12:00:00Z\"}"));
        List<String> accounts = List.of(site, gpus, validator);
        List<BigInteger> weights = List.of(BigInteger.valueOf(5), BigInteger.TWO, BigInteger.valueOf(4));
        ok(api.post(OPERATOR, "/v1/settlement/pools", """
                {"poolId": "%s", "amountUnits": "%s", "weights": [
                  {"account": "%s", "weight": "5"}, {"account": "%s", "weight": "2"}, {"account": "%s", "weight": "4"}]}
                """.formatted(Leases.uniqueId("pool"), POOL, site, gpus, validator)));

        Response closed = api.post(OPERATOR, "/v1/settlement/epochs", "{\"accrueThrough\": \"2026-11-01T00:00:00Z\"}");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        long epoch = closed.json().path("epoch").asLong();

        Map<String, BigInteger> shares = poolShares(accounts, weights);
        BigInteger siteEarns = providerUnits(capacityValue(), CAPACITY_DENOMINATOR, SITE_FEE_BPS);
        BigInteger gpusEarn = providerUnits(gpuValueAfterSlaCredit(), HOUR, GPU_FEE_BPS);
        Map<String, BigInteger> expected = Map.of(site, siteEarns.add(shares.get(site)),
                gpus, gpusEarn.add(shares.get(gpus)), validator, shares.get(validator));
        await().atMost(patience()).untilAsserted(() -> assertThat(payouts(epoch)).containsAllEntriesOf(expected));
        JsonNode view = epoch(epoch);
        assertThat(view.path("capacity").path("capacityFee").path("chargedUnits").asText())
                .isEqualTo(FEE_PER_HOUR.multiply(BigInteger.valueOf(24)).toString());
        assertThat(view.path("pools").toString()).contains("\"amountUnits\":\"" + POOL + "\"");

        assertThat(anchor(epoch).status()).isEqualTo(202);
        JsonNode anchored = awaitStatus(epoch, "ANCHORED");
        assertThat(Numeric.toHexString(contracts.anchor().payoutRoot(BigInteger.valueOf(epoch)).send()))
                .isEqualTo(anchored.path("payoutRoot").asText());
        assertThat(push(epoch).status()).isEqualTo(202);
        awaitStatus(epoch, "PAID");
        expected.forEach((account, units) -> assertThat(tokenBalance(account)).as(account).isEqualTo(units));
        JsonNode verdict = api.get(AUDITOR, "/v1/audit/verify").json();
        assertThat(verdict.path("ok").asBoolean()).as(verdict.toString()).isTrue();
    }

    // ---- the model: the contract's rules, written again here

    /** A day's fee (24 h at the hourly rate, over 3600 s) and the energy (Wh × per-kWh / 1000), over 3,600,000. */
    private static BigInteger capacityValue() {
        BigInteger fee = FEE_PER_HOUR.multiply(BigInteger.valueOf(24 * 3600)).multiply(BigInteger.valueOf(1000));
        BigInteger energy = BigInteger.valueOf(ENERGY_WH).multiply(PER_KWH).multiply(BigInteger.valueOf(3600));
        return fee.add(energy);
    }

    /**
     * October's window: 30 days of lease, 12 hours down, so uptime floor(10000 × 2,548,800 / 2,592,000)
     * = 9833 bps, below both tiers: the larger credit, 30%, of the window's charges.
     */
    private static BigInteger gpuValueAfterSlaCredit() {
        long active = 30L * 86_400;
        long down = 12L * 3_600;
        long uptime = 10_000 * (active - down) / active;
        assertThat(uptime).isEqualTo(9833);
        BigInteger value = PRICE.multiply(BigInteger.valueOf(GPU_SECONDS));
        BigInteger charged = value.divide(HOUR);
        BigInteger credit = charged.multiply(BigInteger.valueOf(3_000)).divide(BigInteger.valueOf(10_000));
        return value.subtract(credit.multiply(HOUR));
    }

    private static BigInteger providerUnits(BigInteger value, BigInteger denominator, int feeBps) {
        BigInteger charged = value.divide(denominator);
        return charged.subtract(charged.multiply(BigInteger.valueOf(feeBps)).divide(BigInteger.valueOf(10_000)));
    }

    /** Floors, then one unit each to the largest remainders, ties to the lower address as a number. */
    private static Map<String, BigInteger> poolShares(List<String> accounts, List<BigInteger> weights) {
        BigInteger total = weights.stream().reduce(BigInteger.ZERO, BigInteger::add);
        Map<String, BigInteger> shares = new TreeMap<>();
        BigInteger left = POOL;
        for (int i = 0; i < accounts.size(); i++) {
            BigInteger share = POOL.multiply(weights.get(i)).divide(total);
            shares.put(accounts.get(i), share);
            left = left.subtract(share);
        }
        List<Integer> byRemainder = IntStream.range(0, accounts.size()).boxed()
                .sorted(Comparator.<Integer, BigInteger>comparing(i -> POOL.multiply(weights.get(i)).mod(total)).reversed()
                        .thenComparing(i -> Numeric.toBigInt(accounts.get(i))))
                .toList();
        for (int i = 0; i < left.intValueExact(); i++) {
            shares.merge(accounts.get(byRemainder.get(i)), BigInteger.ONE, BigInteger::add);
        }
        return shares;
    }

    // ---- the ledger, through HTTP

    private String open(String payout, String terms) {
        String leaseId = Leases.uniqueId("deal");
        ok(api.post(MARKETPLACE_A, "/v1/leases", """
                {"leaseId": "%s", "providerId": "%s", "providerPayoutAddress": "%s", "tenantId": "tenant-deals", %s}
                """.formatted(leaseId, Leases.uniqueId("prov"), payout, terms)));
        return leaseId;
    }

    private static void ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }
}
