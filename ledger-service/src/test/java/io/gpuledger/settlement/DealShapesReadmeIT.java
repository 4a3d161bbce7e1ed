package io.gpuledger.settlement;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.support.Api.Response;
import io.gpuledger.support.Leases;
import io.gpuledger.support.Readme;
import io.gpuledger.support.SettlementIT;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's deal shapes, run as written by bash against this ledger and a real chain: a capacity lease
 * with metered energy and a reward pool, settled in one epoch and pushed. The figures the README quotes are
 * computed here from the contract's rules (API-CONTRACT.md, "Deal shapes") and checked against the
 * ledger's answers and the addresses' token balances, to the unit.
 */
class DealShapesReadmeIT extends SettlementIT {

    private static final String SITE = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
    private static final String SECOND = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
    private static final String THIRD = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";

    @Test
    void theReadmesCapacityLeaseAndPoolSettleOnChainAsTheReadmeSays() throws Exception {
        // Six hours of fee at 50,000,000 an hour, and 1,500 kWh at 80,000 a kWh, 3% fee.
        BigInteger capacityFee = BigInteger.valueOf(6 * 3600).multiply(BigInteger.valueOf(50_000_000))
                .divide(BigInteger.valueOf(3600));
        BigInteger energy = BigInteger.valueOf(1_500_000).multiply(BigInteger.valueOf(80_000))
                .divide(BigInteger.valueOf(1000));
        BigInteger charged = capacityFee.add(energy);
        BigInteger siteProvider = charged.subtract(charged.multiply(BigInteger.valueOf(300)).divide(BigInteger.valueOf(10_000)));
        // 1,000,000,000 by 3 : 1 : 2: floors 500,000,000, 166,666,666 (remainder 4/6), 333,333,333 (2/6); the unit
        // left goes to the largest remainder.
        Map<String, BigInteger> shares = Map.of(key(SITE), BigInteger.valueOf(500_000_000),
                key(SECOND), BigInteger.valueOf(166_666_667), key(THIRD), BigInteger.valueOf(333_333_333));
        Map<String, BigInteger> expected = new HashMap<>(shares);
        expected.merge(key(SITE), siteProvider, BigInteger::add);
        Map<String, BigInteger> before = balances();

        Response created = api.post(OPERATOR, "/v1/keys", "{\"marketplaceId\": \"" + Leases.uniqueId("demo")
                + "\", \"role\": \"MARKETPLACE\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        // Settle what earlier tests left, so the README's epoch holds only what its block records.
        long next = closeEpoch() + 1;
        String block = Readme.blockWith("emissions-2026-11-01").replace("epochs/3/", "epochs/" + next + "/");
        String output = Readme.run(block, Map.of("L", "http://localhost:" + port,
                "MARKETPLACE_KEY", created.json().path("key").asText(), "OPERATOR_KEY", OPERATOR, "AUDITOR_KEY", AUDITOR));

        assertThat(output).contains("\"chargedUnits\":\"" + energy + "\"", "\"epoch\":" + next,
                "\"capacityFee\":{\"chargedUnits\":\"" + capacityFee + "\"", "\"shareUnits\":\"166666667\"");
        assertThat(epoch(next).path("pools").get(0).path("poolId").asText()).isEqualTo("emissions-2026-11-01");
        awaitStatus(next, "PAID");
        Map<String, BigInteger> paid = new HashMap<>();
        payouts(next).forEach((account, amount) -> paid.put(key(account), amount));
        assertThat(paid).as("907,400,000, 166,666,667 and 333,333,333").isEqualTo(expected);
        Map<String, BigInteger> poolShares = new HashMap<>();
        payoutList(next).forEach(p -> poolShares.put(key(p.path("account").asText()),
                new BigInteger(p.path("poolSharesUnits").asText())));
        assertThat(poolShares).as("each payout's part from the pool").isEqualTo(shares);
        Map<String, BigInteger> after = balances();
        for (String account : List.of(SITE, SECOND, THIRD)) {
            assertThat(after.get(key(account)).subtract(before.get(key(account)))).as(account)
                    .isEqualTo(expected.get(key(account)));
        }
    }

    private static Map<String, BigInteger> balances() {
        Map<String, BigInteger> balances = new HashMap<>();
        for (String account : List.of(SITE, SECOND, THIRD)) {
            balances.put(key(account), tokenBalance(account));
        }
        return balances;
    }

    private static String key(String account) {
        return account.toLowerCase(Locale.ROOT);
    }
}
