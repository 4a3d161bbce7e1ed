package io.gpuledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.config.JsonConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

class ChainPropertiesTest {

    private static final String NODE = "http://127.0.0.1:1";

    @Test
    void noRpcUrlMeansNoChain() {
        assertThat(properties("", null, null, 12).enabled()).isFalse();
        assertThat(properties(null, null, null, 12).enabled()).isFalse();
    }

    /** A chain set up before the prepaid escrow existed has no LEDGER_ESCROW_ADDRESS, which arrives as "". */
    @Test
    void theEscrowIsOptionalAndShownAsNullWithoutOne() throws Exception {
        ChainProperties withoutEscrow = new ChainProperties(NODE, 31337L, randomKey(), null, "0xa1", "0xa2", "0xa3",
                " ", null, null, null, null, null, null, null, null);
        ChainInfo info = new ChainInfo(31337L, withoutEscrow.tokenAddress(), 6, withoutEscrow.anchorAddress(),
                withoutEscrow.distributorAddress(), withoutEscrow.escrowAddress(), "0xb0", 2);

        JsonNode json = new JsonConfig().objectMapper(new Jackson2ObjectMapperBuilder()).valueToTree(info);

        assertThat(withoutEscrow.escrowAddress()).isNull();
        assertThat(json.has("escrowAddress")).as(json.toString()).isTrue();
        assertThat(json.get("escrowAddress").isNull()).isTrue();
        assertThat(json.path("distributorAddress").asText()).isEqualTo("0xa3");
    }

    @Test
    void theKeyNeverShowsInToString() throws Exception {
        String key = randomKey();

        ChainProperties properties = properties(NODE, key, null, 12);

        assertThat(properties.toString()).doesNotContain(key).contains("[redacted]");
        assertThat(ChainSigner.load(properties).toString()).doesNotContain(key);
    }

    @Test
    void aMalformedKeyIsRefusedWithoutEchoingIt() {
        String almostAKey = "0x" + "ab".repeat(31) + "z1";

        Throwable refused = catchThrowable(() -> ChainSigner.load(properties(NODE, almostAKey, null, 12)));

        assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("LEDGER_SIGNER_KEY");
        assertThat(refused.getMessage()).doesNotContain("abab");
    }

    @Test
    void theKeyMayComeFromAFile(@TempDir Path dir) throws Exception {
        String key = randomKey();
        Path file = Files.writeString(dir.resolve("signer.key"), key + "\n");

        ChainSigner signer = ChainSigner.load(properties(NODE, null, file.toString(), 12));

        assertThat(signer.address()).isEqualTo(Keys.toChecksumAddress(
                org.web3j.crypto.Credentials.create(key).getAddress()));
    }

    @Test
    void cannotStartWithBothKeysNeitherKeyOrATimidFeeBump() throws Exception {
        String key = randomKey();
        assertThatThrownBy(() -> properties(NODE, key, "/some/file", 12).validate())
                .hasMessageContaining("exactly one").hasMessageNotContaining(key);
        assertThatThrownBy(() -> properties(NODE, null, null, 12).validate()).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> properties(NODE, key, null, 9).validate()).hasMessageContaining("at least 10");
    }

    private static ChainProperties properties(String rpcUrl, String key, String keyFile, int feeBumpPercent) {
        return new ChainProperties(rpcUrl, 31337L, key, keyFile, null, null, null, null, null, null,
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5), feeBumpPercent, null, null);
    }

    private static String randomKey() throws Exception {
        return Numeric.toHexStringNoPrefixZeroPadded(Keys.createEcKeyPair().getPrivateKey(), 64);
    }
}
