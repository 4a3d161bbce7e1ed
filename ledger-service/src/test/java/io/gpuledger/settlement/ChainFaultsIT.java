package io.gpuledger.settlement;

import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.LedgerApplication;
import io.gpuledger.support.CapturedLogs;
import io.gpuledger.support.FailedStart;
import io.gpuledger.support.SettlementIT;
import io.gpuledger.support.TestKeys;
import io.gpuledger.support.TestPostgres;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Faults of the chain the ledger must survive and explain: an epoch that the anchor holds already
 * (anchored behind the ledger's back) fails its step with the contract's error, shown on the epoch,
 * logged once, while later epochs go on; and a ledger on a fresh database pointed at this ledger's
 * contracts, which refuses to start.
 */
class ChainFaultsIT extends SettlementIT {

    private static final String ALREADY_ANCHORED = Hash.sha3String("EpochAlreadyAnchored(uint64)").substring(0, 10);

    @Test
    void anEpochTheAnchorAlreadyHoldsFailsItsStepWithTheContractsErrorAndLaterEpochsGoOn() throws Exception {
        long epoch = closeEpoch();
        byte[] foreignRoot = Hash.sha3("another ledger".getBytes(StandardCharsets.UTF_8));
        contracts.anchor().anchorEpoch(BigInteger.valueOf(epoch), foreignRoot, foreignRoot, BigInteger.ZERO).send();

        try (CapturedLogs logs = CapturedLogs.start()) {
            assertThat(anchor(epoch).status()).isEqualTo(202);
            await().atMost(patience()).until(() -> "FAILED".equals(step(epoch, "anchor").path("status").asText()));

            JsonNode failed = step(epoch, "anchor");
            JsonNode intent = api.get(OPERATOR, "/v1/settlement/chain/intents/anchor-epoch-" + epoch).json();
            assertThat(failed.path("failure").asText()).isEqualTo("REVERTED: EpochAlreadyAnchored(" + epoch + ")");
            assertThat(failed.path("txHash").asText()).startsWith("0x").isEqualTo(intent.path("txHash").asText());
            assertThat(intent.path("status").asText()).isEqualTo("REVERTED");
            assertThat(intent.path("revertData").asText())
                    .isEqualTo(ALREADY_ANCHORED + String.format("%064x", epoch));
            assertThat(epoch(epoch).path("status").asText()).isEqualTo("CLOSED");

            long next = closeEpoch();
            assertThat(anchor(next).status()).isEqualTo(202);
            awaitStatus(next, "PAID");

            List<String> aboutIt = logs.lines().stream().filter(line -> line.contains("anchor-epoch-" + epoch)).toList();
            assertThat(aboutIt).as(logs.all()).singleElement()
                    .satisfies(line -> assertThat(line).startsWith("WARN").contains("REVERTED").doesNotContain("\n"));
            assertThat(logs.lines()).noneMatch(line -> line.startsWith("ERROR"));
        }
        assertThat(epoch(epoch).path("status").asText()).isEqualTo("CLOSED");
        assertThat(step(epoch, "anchor").path("attempt").asInt()).as("never retried by itself").isEqualTo(1);
    }

    @Test
    void aLedgerOnAFreshDatabaseRefusesToStartAgainstAnAnchorThatHoldsEpochsItNeverClosed() {
        long epoch = closeEpoch();
        assertThat(anchor(epoch).status()).isEqualTo(202);
        awaitStatus(epoch, "PAID");
        TestPostgres.Database fresh = TestPostgres.freshDatabase("foreign");

        FailedStart.Outcome start = FailedStart.of(LedgerApplication.class,
                "--ledger.db.url=" + fresh.url(), "--ledger.db.user=" + fresh.user(),
                "--ledger.db.password=" + fresh.password(), "--ledger.bootstrap-keys=" + TestKeys.BOOTSTRAP,
                "--ledger.chain.rpc-url=" + anvil.rpcUrl(), "--ledger.chain.chain-id=" + contracts.chainId(),
                "--ledger.chain.signer-key=" + Numeric.toHexStringNoPrefixZeroPadded(
                        ledgerSigner.getEcKeyPair().getPrivateKey(), 64),
                "--ledger.chain.token-address=" + contracts.token().getContractAddress(),
                "--ledger.chain.anchor-address=" + contracts.anchor().getContractAddress(),
                "--ledger.chain.distributor-address=" + contracts.distributor().getContractAddress());

        assertThat(start.failure()).as(start.everything()).isNotNull();
        assertThat(start.everything())
                .contains("the anchor contract " + contracts.anchor().getContractAddress() + " on chain "
                        + contracts.chainId() + " holds epochs 1")
                .contains((epoch > 1 ? " to " + epoch : "") + ", which this ledger never closed: "
                        + "this ledger has closed no epoch");
        assertThat(freshIntents(fresh)).as("nothing was sent").isZero();
    }

    private static long freshIntents(TestPostgres.Database db) {
        try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM chain_intent")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode step(long epoch, String name) {
        for (JsonNode step : epoch(epoch).path("steps")) {
            if (step.path("step").asText().equals(name)) {
                return step;
            }
        }
        return new ObjectMapper().createObjectNode();
    }
}
