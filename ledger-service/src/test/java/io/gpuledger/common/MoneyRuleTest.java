package io.gpuledger.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The one rounding rule: charged = floor(value / 3600), fee = floor(charged × bps / 10000), provider the rest. */
class MoneyRuleTest {

    @Test
    void valuesAReportAtItsGpuSecondsTimesThePricePerGpuHour() {
        assertThat(MoneyRule.usageValue(28_800, BigInteger.valueOf(2_100_000)))
                .isEqualTo(BigInteger.valueOf(60_480_000_000L));
        assertThat(MoneyRule.usageValue(0, BigInteger.valueOf(2_100_000))).isZero();
    }

    @Test
    void valuesAReportExactlyEvenBeyondLongRange() {
        BigInteger price = TokenUnits.UINT256_MAX;
        assertThat(MoneyRule.usageValue(Long.MAX_VALUE, price))
                .isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).multiply(price));
    }

    @Test
    void chargesAWholeNumberOfHoursExactly() {
        assertThat(MoneyRule.charges(BigInteger.valueOf(60_480_000_000L), 500))
                .isEqualTo(charges(16_800_000, 840_000, 15_960_000));
    }

    @Test
    void floorsTheChargeToTheUnitBelow() {
        assertThat(MoneyRule.charges(BigInteger.valueOf(3599), 0)).isEqualTo(charges(0, 0, 0));
        assertThat(MoneyRule.charges(BigInteger.valueOf(3600), 0)).isEqualTo(charges(1, 0, 1));
        assertThat(MoneyRule.charges(BigInteger.valueOf(7199), 0)).isEqualTo(charges(1, 0, 1));
        assertThat(MoneyRule.charges(BigInteger.valueOf(1_000_001), 0)).isEqualTo(charges(277, 0, 277));
    }

    @Test
    void floorsTheFeeSoThatTheProviderKeepsTheRemainder() {
        // 277 × 333 / 10000 = 9.22: the fee is 9, the provider gets 268.
        assertThat(MoneyRule.charges(BigInteger.valueOf(1_000_001), 333)).isEqualTo(charges(277, 9, 268));
        // 19 × 500 / 10000 = 0.95: no fee at all.
        assertThat(MoneyRule.charges(BigInteger.valueOf(19 * 3600), 500)).isEqualTo(charges(19, 0, 19));
        // 20 × 500 / 10000 = 1 exactly.
        assertThat(MoneyRule.charges(BigInteger.valueOf(20 * 3600), 500)).isEqualTo(charges(20, 1, 19));
    }

    @Test
    void takesNoFeeAtZeroBasisPointsAndTheWholeChargeAtTenThousand() {
        assertThat(MoneyRule.charges(BigInteger.valueOf(12_345 * 3600L + 17), 0)).isEqualTo(charges(12_345, 0, 12_345));
        assertThat(MoneyRule.charges(BigInteger.valueOf(12_345 * 3600L + 17), 10_000))
                .isEqualTo(charges(12_345, 12_345, 0));
    }

    @Test
    void chargesNothingForNoUsage() {
        assertThat(MoneyRule.charges(BigInteger.ZERO, 500)).isEqualTo(Charges.ZERO);
    }

    @Test
    void floorsOnceOverTheCumulativeValueSoSlicesAddUpToTheWhole() {
        // Three reports each worth 0.5 units: charged separately they would each floor to 0; from
        // cumulative values they are charged 0, 1, 0 and add up to floor(1.5) = 1.
        BigInteger half = BigInteger.valueOf(1800);
        Charges previous = Charges.ZERO;
        Charges sum = Charges.ZERO;
        BigInteger cumulative = BigInteger.ZERO;
        String[] expected = {"0", "1", "0"};
        for (String charged : expected) {
            cumulative = cumulative.add(half);
            Charges now = MoneyRule.charges(cumulative, 500);
            Charges slice = now.minus(previous);
            assertThat(slice.chargedUnits()).isEqualTo(new BigInteger(charged));
            sum = sum.plus(slice);
            previous = now;
        }
        assertThat(sum).isEqualTo(MoneyRule.charges(BigInteger.valueOf(5400), 500));
    }

    @Test
    void floorsANegativeCumulativeValueTowardNegativeInfinity() {
        // -0.5 units charged floors to -1; a fee of 5% of -1 floors to -1, leaving the provider 0.
        assertThat(MoneyRule.charges(BigInteger.valueOf(-1800), 500)).isEqualTo(charges(-1, -1, 0));
        assertThat(MoneyRule.charges(BigInteger.valueOf(-7200), 500)).isEqualTo(charges(-2, -1, -1));
    }

    private static Charges charges(long charged, long fee, long provider) {
        return new Charges(BigInteger.valueOf(charged), BigInteger.valueOf(fee), BigInteger.valueOf(provider));
    }

    /** The long arithmetic taken for small values must give what BigInteger's gives, up to and past its bound. */
    @Property(tries = 3000)
    void takesTheSameFloorsInLongsAsInBigIntegers(@ForAll("values") BigInteger value,
                                                   @ForAll @IntRange(max = 10_000) int bps,
                                                   @ForAll @LongRange(max = Long.MAX_VALUE) long gpuSeconds,
                                                   @ForAll("values") BigInteger price) {
        BigInteger charged = value.divide(BigInteger.valueOf(3600));
        BigInteger fee = charged.multiply(BigInteger.valueOf(bps)).divide(BigInteger.valueOf(10_000));
        assertThat(MoneyRule.charges(value, bps)).isEqualTo(new Charges(charged, fee, charged.subtract(fee)));
        assertThat(MoneyRule.usageValue(gpuSeconds, price)).isEqualTo(BigInteger.valueOf(gpuSeconds).multiply(price));
    }

    @Provide
    Arbitrary<BigInteger> values() {
        Arbitrary<BigInteger> nearBounds = Arbitraries.of(59, 60, 61, 62, 63, 64, 65).flatMap(bits ->
                Arbitraries.bigIntegers().between(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.valueOf(100_000)),
                        BigInteger.ONE.shiftLeft(bits).add(BigInteger.valueOf(100_000))));
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(10_000_000)),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(70)),
                nearBounds,
                Arbitraries.bigIntegers().between(BigInteger.ZERO, TokenUnits.UINT256_MAX));
    }
}
