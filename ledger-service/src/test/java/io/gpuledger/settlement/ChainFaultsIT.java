package io.gpuledger.settlement;

import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.support.CapturedLogs;
import io.gpuledger.support.SettlementIT;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/**
 * Faults of the chain the ledger must survive and explain: an epoch that the anchor holds already
 * (anchored behind the ledger's back) fails its step with the contract's error, shown on the epoch,
 * logged once, while later epochs go on.
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

    private JsonNode step(long epoch, String name) {
        for (JsonNode step : epoch(epoch).path("steps")) {
            if (step.path("step").asText().equals(name)) {
                return step;
            }
        }
        return new ObjectMapper().createObjectNode();
    }
}
