package io.gpuledger.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.support.FailedStart;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/** A malformed LEDGER_BOOTSTRAP_KEYS stops the start, and nothing shown about it holds a key. */
class BootstrapKeysSecrecyTest {

    private static final String KEY = secret();
    private static final String OTHER_KEY = secret();

    /** Just the bootstrap: ApiKeys has no database, and none is reached before an entry is refused. */
    @Configuration(proxyBeanMethods = false)
    @Import(BootstrapKeys.class)
    static class BootstrapOnly {

        @Bean
        ApiKeys apiKeys() {
            return new ApiKeys(new JdbcTemplate());
        }
    }

    static Stream<Arguments> malformedEntries() {
        return Stream.of(
                Arguments.of("no role", KEY + ":mkt-a"),
                Arguments.of("a field too many", KEY + ":mkt-a:MARKETPLACE:" + OTHER_KEY),
                Arguments.of("a bad marketplace id", KEY + ":mkt a:MARKETPLACE"),
                Arguments.of("the key where the role goes", "marketplace-a-id:MARKETPLACE:" + KEY),
                Arguments.of("a role in lower case", KEY + ":mkt-a:marketplace"),
                Arguments.of("a marketplace key for every marketplace", KEY + ":*:MARKETPLACE"),
                Arguments.of("an auditor key for one marketplace", KEY + ":mkt-a:AUDITOR"),
                Arguments.of("a provider key for a marketplace, not an address", KEY + ":mkt-a:PROVIDER"),
                Arguments.of("a provider key with a bad checksum",
                        KEY + ":0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed:PROVIDER"),
                Arguments.of("a key under 16 characters", KEY.substring(0, 15) + ":mkt-a:MARKETPLACE"),
                Arguments.of("a good entry, then a bad one", KEY + ":mkt-a:MARKETPLACE," + OTHER_KEY + ":mkt-b"),
                Arguments.of("spaces and an empty entry", " " + KEY + " : mkt-a : MARKETPLACE ,, "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedEntries")
    void aMalformedEntryStopsTheStartWithoutShowingAnyKey(String what, String entries) {
        FailedStart.Outcome start = FailedStart.of(BootstrapOnly.class, "--ledger.bootstrap-keys=" + entries);

        assertThat(start.failure()).as(what + " stops the start").isNotNull();
        assertThat(start.everything()).as(what).contains("LEDGER_BOOTSTRAP_KEYS")
                .doesNotContain(KEY).doesNotContain(OTHER_KEY).doesNotContain(KEY.substring(0, 15));
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "bk_" + HexFormat.of().formatHex(bytes);
    }
}
