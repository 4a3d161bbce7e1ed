package io.gpuledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FeesTest {

    private static final Fees CHEAP_MARKET = new Fees(BigInteger.ONE, BigInteger.ONE);

    @Test
    void aReplacementRaisesBothFeesByAtLeastThePercentRoundingUp() {
        Fees first = new Fees(BigInteger.valueOf(1_000_000_001), BigInteger.valueOf(15));

        Fees bumped = first.bumped(10, CHEAP_MARKET);

        assertThat(bumped.maxFeePerGas()).isEqualTo(BigInteger.valueOf(1_100_000_002));
        assertThat(bumped.maxPriorityFeePerGas()).isEqualTo(BigInteger.valueOf(17));
    }

    @Test
    void aZeroFeeStillRisesSoTheReplacementDiffers() {
        Fees bumped = new Fees(BigInteger.ZERO, BigInteger.ZERO).bumped(12, new Fees(BigInteger.ZERO, BigInteger.ZERO));

        assertThat(bumped.maxFeePerGas()).isEqualTo(BigInteger.ONE);
        assertThat(bumped.maxPriorityFeePerGas()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void aReplacementNeverBidsBelowTheMarketNow() {
        Fees market = Fees.forNextBlocks(BigInteger.valueOf(50), BigInteger.valueOf(5));

        Fees bumped = new Fees(BigInteger.valueOf(20), BigInteger.valueOf(2)).bumped(10, market);

        assertThat(bumped.maxFeePerGas()).isEqualTo(BigInteger.valueOf(105));
        assertThat(bumped.maxPriorityFeePerGas()).isEqualTo(BigInteger.valueOf(5));
    }

    @Test
    void theFeeCapLeavesRoomForTheBaseFeeToDouble() {
        Fees fees = Fees.forNextBlocks(BigInteger.valueOf(1_000), BigInteger.valueOf(7));

        assertThat(fees.maxFeePerGas()).isEqualTo(BigInteger.valueOf(2_007));
        assertThat(fees.maxPriorityFeePerGas()).isEqualTo(BigInteger.valueOf(7));
    }
}
