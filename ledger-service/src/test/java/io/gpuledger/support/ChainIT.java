package io.gpuledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * Base of integration tests that need the chain: the whole ledger, as {@link LedgerIT}, pointed at
 * a real anvil of its own (persistent, so that tests can restart it) and signing with a fresh random
 * key funded there. Each test class gets its own node and its own Spring context, closed after it.
 * Timings are short so that backoff and stuck detection happen within a test's patience; a class
 * overrides them with its own {@code @TestPropertySource}.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {
        "ledger.chain.confirmations=2",
        "ledger.chain.poll-interval=50ms",
        "ledger.chain.max-poll-interval=400ms",
        "ledger.chain.stuck-after=60s",
        "ledger.chain.rpc-timeout=5s",
})
public abstract class ChainIT extends LedgerIT {

    public static final long ANVIL_CHAIN_ID = 31337;
    public static final String TOKEN = "0x00000000000000000000000000000000000000A1";
    public static final String ANCHOR = "0x00000000000000000000000000000000000000A2";
    public static final String DISTRIBUTOR = "0x00000000000000000000000000000000000000a3";
    public static final String ESCROW = "0x00000000000000000000000000000000000000a4";

    protected static Anvil anvil;
    protected static Credentials signer;

    @DynamicPropertySource
    static void chainProperties(DynamicPropertyRegistry registry) {
        anvil = Anvil.start(true);
        signer = anvil.fundedAccount(1000);
        registry.add("ledger.chain.rpc-url", anvil::rpcUrl);
        registry.add("ledger.chain.chain-id", () -> ANVIL_CHAIN_ID);
        registry.add("ledger.chain.signer-key",
                () -> Numeric.toHexStringNoPrefixZeroPadded(signer.getEcKeyPair().getPrivateKey(), 64));
        registry.add("ledger.chain.token-address", () -> TOKEN);
        registry.add("ledger.chain.anchor-address", () -> ANCHOR);
        registry.add("ledger.chain.distributor-address", () -> DISTRIBUTOR);
        registry.add("ledger.chain.escrow-address", () -> ESCROW);
    }

    @AfterAll
    static void stopAnvil() {
        if (anvil != null) {
            anvil.close();
        }
    }

    /** A fresh address that holds nothing, so that what arrives there is what a test sent. */
    protected static String freshAddress() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Keys.toChecksumAddress("0x" + HexFormat.of().formatHex(bytes));
    }

    protected static BigInteger balance(String address) {
        try {
            return anvil.web3j().ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many transactions the signer has in blocks: each mined nonce counts once. */
    protected static long minedNonces() {
        try {
            return anvil.web3j().ethGetTransactionCount(signer.getAddress(), DefaultBlockParameterName.LATEST).send()
                    .getTransactionCount().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static Duration patience() {
        return Duration.ofSeconds(30);
    }
}
