package io.gpuledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

class RevertTest {

    private static final String CUSTOM = "0x9a7d3c6c" + "0".repeat(63) + "7";

    @Test
    void anErrorStringIsReadAsItsTextAndItsBytesAreKept() {
        String data = FunctionEncoder.encode(new Function("Error", List.of(new Utf8String("no operator role")),
                List.of()));

        Revert revert = Revert.of("execution reverted: no operator role", data, null);

        assertThat(revert.reason()).isEqualTo("no operator role");
        assertThat(revert.data()).isEqualTo(data).startsWith(Revert.ERROR_SELECTOR);
    }

    @Test
    void aCustomErrorIsNamedByItsSelectorAndTheNodesMessageWithNulBytesIsNotKept() {
        Revert revert = Revert.of("execution reverted: custom error 0x9a7d3c6c: \u0000\u0000\u0007", CUSTOM, null);

        assertThat(revert.reason()).isEqualTo("custom error 0x9a7d3c6c");
        assertThat(revert.data()).isEqualTo(CUSTOM);
    }

    @Test
    void revertDataQuotedOrInUpperCaseIsStoredAsLowerCaseHex() {
        assertThat(Revert.of("reverted", "\"" + CUSTOM.toUpperCase().replace("0X", "0x") + "\"", null).data())
                .isEqualTo(CUSTOM);
    }

    @Test
    void revertDataInTheResultCountsWhenTheNodeAnswersNoError() {
        String data = FunctionEncoder.encode(new Function("Error", List.of(new Utf8String("nope")), List.of()));

        assertThat(Revert.of(null, null, data)).isEqualTo(new Revert("nope", data));
    }

    @Test
    void aPanicShowsItsCode() {
        String data = FunctionEncoder.encode(new Function("Panic", List.of(new Uint256(0x11)), List.of()));

        assertThat(data).startsWith(Revert.PANIC_SELECTOR);
        assertThat(Revert.of(null, data, null).reason()).isEqualTo("Panic(0x11)");
    }

    @Test
    void withoutRevertDataTheNodesMessageIsKeptPrintable() {
        Revert revert = Revert.of("execution reverted\u0000 at\u001f once", null, null);

        assertThat(revert.data()).isNull();
        assertThat(revert.reason()).isEqualTo("execution reverted\\x00 at\\x1f once").doesNotContain("\u0000");
        assertThat(Revert.of(null, "0x", null)).isEqualTo(new Revert("reverted without revert data", "0x"));
    }

    @Test
    void anErrorStringHoldingNulBytesIsKeptPrintable() {
        String data = FunctionEncoder.encode(new Function("Error", List.of(new Utf8String("a\u0000b")), List.of()));

        assertThat(Revert.of(null, data, null).reason()).isEqualTo("a\\x00b");
    }
}
