package io.gpuledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.support.FailedStart;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * A chain configuration that cannot work stops the start, and neither the failure nor any log
 * line shows the signer key, whether the key itself or another setting is at fault.
 */
class ChainSettingsSecrecyTest {

    private static final String KEY = randomKey();

    /** Just the chain settings and the account that checks them; no node is reached before a refusal. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ChainProperties.class)
    static class ChainSettingsOnly {

        @Bean
        ChainAccount chainAccount(ChainProperties properties) {
            return new ChainAccount(properties, null);
        }
    }

    static Stream<Arguments> badSettings() {
        String node = "--ledger.chain.rpc-url=http://127.0.0.1:1";
        return Stream.of(
                Arguments.of("a key one digit short", new String[] {node, "--ledger.chain.signer-key=" + KEY.substring(0, 65)}),
                Arguments.of("a key with a non-hex digit", new String[] {node, "--ledger.chain.signer-key=" + KEY.substring(0, 65) + "z"}),
                Arguments.of("a key with a digit too many", new String[] {node, "--ledger.chain.signer-key=" + KEY + "1"}),
                Arguments.of("a key and a key file", new String[] {node, "--ledger.chain.signer-key=" + KEY,
                        "--ledger.chain.signer-key-file=/nonexistent/signer.key"}),
                Arguments.of("no confirmations", new String[] {node, "--ledger.chain.signer-key=" + KEY,
                        "--ledger.chain.confirmations=0"}),
                Arguments.of("a chain id that is not a number", new String[] {node, "--ledger.chain.signer-key=" + KEY,
                        "--ledger.chain.chain-id=mainnet"}),
                Arguments.of("a fee bump that is not a number", new String[] {node, "--ledger.chain.signer-key=" + KEY,
                        "--ledger.chain.fee-bump-percent=twelve"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void aBadChainSettingStopsTheStartWithoutShowingTheSignerKey(String what, String[] args) {
        FailedStart.Outcome start = FailedStart.of(ChainSettingsOnly.class, args);

        assertThat(start.failure()).as(what + " stops the start").isNotNull();
        String shown = start.everything();
        assertThat(shown).as(what).doesNotContain(KEY.substring(2, 40)).doesNotContain(KEY.substring(30).toLowerCase())
                .doesNotContain(KEY.substring(30).toUpperCase());
    }

    private static String randomKey() {
        try {
            return Numeric.toHexStringWithPrefixZeroPadded(Keys.createEcKeyPair().getPrivateKey(), 64);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
