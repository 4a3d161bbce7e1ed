package io.gpuledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class IntentRequestTest {

    private static final String TO = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    @Test
    void normalisesSoThatTheSameTransactionCompareEqual() {
        IntentRequest request = IntentRequest.of("anchor-1", TO.toLowerCase(), BigInteger.TEN, "0xABCD",
                BigInteger.valueOf(50_000));

        assertThat(request.to()).isEqualTo(TO);
        assertThat(request.data()).isEqualTo("0xabcd");
        assertThat(IntentRequest.of("anchor-1", TO, BigInteger.TEN, "abcd", BigInteger.valueOf(50_000)))
                .isEqualTo(request);
        assertThat(IntentRequest.of("t", TO, BigInteger.ZERO, null, BigInteger.valueOf(21_000)).data()).isEqualTo("0x");
    }

    @Test
    void theMinimumGasCountsCalldataAsIntrinsicGasOrThePragueFloorWhicheverIsMore() {
        assertThat(IntentRequest.minimumGas("0x")).isEqualTo(21_000);
        // One zero byte: 4 intrinsic, 10 by the floor.
        assertThat(IntentRequest.minimumGas("0x00")).isEqualTo(21_010);
        // One non-zero byte: 16 intrinsic, 40 by the floor.
        assertThat(IntentRequest.minimumGas("0x01")).isEqualTo(21_040);
    }

    @Test
    void cannotBuildAMalformedRequest() {
        BigInteger gas = BigInteger.valueOf(21_000);
        assertThatThrownBy(() -> IntentRequest.of("", TO, BigInteger.ONE, "0x", gas)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IntentRequest.of("a b", TO, BigInteger.ONE, "0x", gas)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IntentRequest.of("x", "0x12", BigInteger.ONE, "0x", gas)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IntentRequest.of("x", TO.replace("aA", "Aa"), BigInteger.ONE, "0x", gas))
                .hasMessageContaining("checksum");
        assertThatThrownBy(() -> IntentRequest.of("x", TO, BigInteger.ONE.negate(), "0x", gas)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IntentRequest.of("x", TO, BigInteger.ONE, "0xabc", gas)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IntentRequest.of("x", TO, BigInteger.ONE, "0x", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IntentRequest.of("x", TO, BigInteger.ONE, "0x01", gas)).hasMessageContaining("21040");
    }
}
