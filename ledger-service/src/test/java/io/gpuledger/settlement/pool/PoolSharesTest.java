package io.gpuledger.settlement.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.settlement.api.PoolShare;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The largest-remainder split of a reward pool (docs/MONEY.md, "Reward pools"), against an independent model. */
class PoolSharesTest {

    // Numerically LOW < MID < HIGH; their checksummed forms do not sort that way as strings.
    private static final String LOW = "0x0000000000000000000000000000000000000A01";
    private static final String MID = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private static final String HIGH = "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB";

    @Test
    void anAmountThatDividesExactlyIsSplitInProportionWithNothingLeftOver() {
        assertThat(PoolShares.split(units(600), weights(LOW, 1, MID, 2, HIGH, 3)))
                .containsExactly(share(LOW, 100), share(MID, 200), share(HIGH, 300));
    }

    @Test
    void theUnitsLeftOverGoOneEachToTheLargestRemainders() {
        // 100 × 1/6 = 16.67, × 2/6 = 33.33, × 3/6 = 50: floors 16 + 33 + 50 = 99; the one unit to LOW's 0.67.
        assertThat(PoolShares.split(units(100), weights(LOW, 1, MID, 2, HIGH, 3)))
                .containsExactly(share(LOW, 17), share(MID, 33), share(HIGH, 50));
    }

    @Test
    void equalRemaindersGoToTheLowerAddressComparedAsANumber() {
        // 2 units over three equal weights: each 0.67, so the two lowest addresses take one each.
        assertThat(PoolShares.split(units(2), weights(HIGH, 5, MID, 5, LOW, 5)))
                .containsExactly(share(LOW, 1), share(MID, 1));
        // As case-sensitive strings "0xB0..." sorts before "0xa0..."; as numbers 0xa0... is the lower.
        String lowerNumber = "0xa000000000000000000000000000000000000000";
        String upperCase = "0xB000000000000000000000000000000000000000";
        assertThat(PoolShares.split(units(1), weights(upperCase, 1, lowerNumber, 1)))
                .containsExactly(share(lowerNumber, 1));
    }

    @Test
    void aZeroWeightGetsNothingNotEvenALeftOverUnit() {
        assertThat(PoolShares.split(units(7), weights(LOW, 0, MID, 1, HIGH, 1)))
                .containsExactly(share(MID, 4), share(HIGH, 3));
    }

    @Test
    void aPoolSmallerThanItsAccountsPaysOnlyTheLargestRemainders() {
        assertThat(PoolShares.split(units(1), weights(LOW, 1, MID, 1, HIGH, 2))).containsExactly(share(HIGH, 1));
    }

    @Test
    void sharesComeInAscendingAddressOrder() {
        assertThat(PoolShares.split(units(30), weights(HIGH, 1, LOW, 1, MID, 1)))
                .extracting(PoolShare::account).containsExactly(LOW, MID, HIGH);
    }

    @Test
    void cannotSplitAPoolWithoutAPositiveWeight() {
        assertThatThrownBy(() -> PoolShares.split(units(10), weights(LOW, 0, MID, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Seeded, so a failure replays: the split equals the model's, to the unit. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void everySplitEqualsAnIndependentModelAndAddsUpToTheAmount(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            Map<String, BigInteger> weights = randomWeights(random);
            BigInteger amount = randomAmount(random);

            List<PoolShare> shares = PoolShares.split(amount, weights);

            Map<String, BigInteger> split = new TreeMap<>();
            shares.forEach(s -> split.put(s.account(), s.shareUnits()));
            assertThat(split).as("seed %d round %d: %s of %s", seed, round, amount, weights)
                    .isEqualTo(Model.split(amount, weights));
            assertThat(shares.stream().map(PoolShare::shareUnits).reduce(BigInteger.ZERO, BigInteger::add))
                    .isEqualTo(amount);
            assertThat(shares).allMatch(s -> s.shareUnits().signum() > 0);
        }
    }

    /**
     * The rule stated as a selection, not a sort: each account's exact share is a fraction; its floor
     * is paid, then the units left over are handed out one at a time, each to the account not yet
     * chosen whose fraction's remainder is the largest (fractions compared by cross-multiplication),
     * ties to the smaller address as a 160-bit number.
     */
    static final class Model {

        static Map<String, BigInteger> split(BigInteger amount, Map<String, BigInteger> weights) {
            BigInteger total = weights.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
            Map<String, BigInteger> shares = new TreeMap<>();
            List<String> candidates = new ArrayList<>();
            BigInteger paid = BigInteger.ZERO;
            for (Map.Entry<String, BigInteger> entry : weights.entrySet()) {
                BigInteger floor = amount.multiply(entry.getValue()).divide(total);
                shares.put(entry.getKey(), floor);
                paid = paid.add(floor);
                candidates.add(entry.getKey());
            }
            for (BigInteger left = amount.subtract(paid); left.signum() > 0; left = left.subtract(BigInteger.ONE)) {
                String best = null;
                for (String account : candidates) {
                    if (best == null || better(account, best, amount, weights, total, shares)) {
                        best = account;
                    }
                }
                shares.merge(best, BigInteger.ONE, BigInteger::add);
                candidates.remove(best);
            }
            shares.values().removeIf(units -> units.signum() == 0);
            return shares;
        }

        /** Whether a's exact share exceeds its floor by more than b's does, or as much with a lower address. */
        private static boolean better(String a, String b, BigInteger amount, Map<String, BigInteger> weights,
                                      BigInteger total, Map<String, BigInteger> floors) {
            BigInteger remainderA = amount.multiply(weights.get(a)).subtract(floors.get(a).multiply(total));
            BigInteger remainderB = amount.multiply(weights.get(b)).subtract(floors.get(b).multiply(total));
            int byRemainder = remainderA.compareTo(remainderB);
            return byRemainder > 0 || byRemainder == 0 && number(a).compareTo(number(b)) < 0;
        }

        private static BigInteger number(String address) {
            return new BigInteger(address.substring(2), 16);
        }
    }

    private static Map<String, BigInteger> randomWeights(Random random) {
        Map<String, BigInteger> weights = new LinkedHashMap<>();
        int accounts = 1 + random.nextInt(random.nextBoolean() ? 5 : 40);
        for (int i = 0; i < accounts; i++) {
            BigInteger weight = switch (random.nextInt(5)) {
                case 0 -> BigInteger.ZERO;
                case 1 -> BigInteger.valueOf(1 + random.nextInt(3));
                case 2 -> new BigInteger(200, random);
                default -> BigInteger.valueOf(random.nextInt(1_000_000));
            };
            weights.put(address(random), weight);
        }
        // Equal weights make equal remainders: the tie rule decides.
        if (random.nextBoolean()) {
            weights.replaceAll((account, weight) -> BigInteger.valueOf(7));
        }
        weights.put(address(random), BigInteger.ONE);
        return weights;
    }

    private static BigInteger randomAmount(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> BigInteger.valueOf(1 + random.nextInt(10));
            case 1 -> new BigInteger(255, random).add(BigInteger.ONE);
            default -> BigInteger.valueOf(1 + random.nextInt(100_000_000));
        };
    }

    private static String address(Random random) {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        // Both cases, as checksummed addresses come: the rule must not depend on case.
        String hex = HexFormat.of().formatHex(bytes);
        return "0x" + (random.nextBoolean() ? hex.toUpperCase() : hex);
    }

    private static Map<String, BigInteger> weights(Object... accountsAndWeights) {
        Map<String, BigInteger> weights = new LinkedHashMap<>();
        for (int i = 0; i < accountsAndWeights.length; i += 2) {
            weights.put((String) accountsAndWeights[i], BigInteger.valueOf((Integer) accountsAndWeights[i + 1]));
        }
        return weights;
    }

    private static PoolShare share(String account, long units) {
        return new PoolShare(account, BigInteger.valueOf(units));
    }

    private static BigInteger units(long units) {
        return BigInteger.valueOf(units);
    }
}
