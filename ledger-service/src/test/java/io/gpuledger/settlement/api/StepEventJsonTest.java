package io.gpuledger.settlement.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.config.JsonConfig;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The events that name a step or an outcome, as the event store holds them: written by Axon's
 * mapper, the JSON must not change, and the JSON stored so far must read back to the same event.
 */
class StepEventJsonTest {

    private static final ObjectMapper AXON = new JsonConfig().defaultAxonObjectMapper();

    record Stored(Object event, String json) {
    }

    static List<Stored> stored() {
        return List.of(
                new Stored(new EpochStepFailedEvent(7, Step.ANCHOR, 1, "anchor-epoch-7", StepOutcome.REVERTED,
                        "AnchorExists", "0x35d9a2656aed6bb4531e0955ee9e874d880fbfb6546c743cac20a9ce982b3c49"),
                        "{\"epoch\":7,\"step\":\"anchor\",\"attempt\":1,\"intentId\":\"anchor-epoch-7\","
                                + "\"outcome\":\"REVERTED\",\"reason\":\"AnchorExists\",\"txHash\":"
                                + "\"0x35d9a2656aed6bb4531e0955ee9e874d880fbfb6546c743cac20a9ce982b3c49\"}"),
                new Stored(new EpochStepFailedEvent(7, Step.FUND, 2, "fund-epoch-7-attempt-2", StepOutcome.FAILED,
                        "mint: nonce too low", null),
                        "{\"epoch\":7,\"step\":\"fund\",\"attempt\":2,\"intentId\":\"fund-epoch-7-attempt-2\","
                                + "\"outcome\":\"FAILED\",\"reason\":\"mint: nonce too low\",\"txHash\":null}"),
                new Stored(new EpochStepFailedEvent(7, Step.batch(3), 1, "push-epoch-7-batch-3", StepOutcome.REVERTED,
                        "no reason given", null),
                        "{\"epoch\":7,\"step\":\"batch-3\",\"attempt\":1,\"intentId\":\"push-epoch-7-batch-3\","
                                + "\"outcome\":\"REVERTED\",\"reason\":\"no reason given\",\"txHash\":null}"),
                new Stored(new EpochStepRetriedEvent(7, Step.ANCHOR, 2, "anchor-epoch-7-attempt-2"),
                        "{\"epoch\":7,\"step\":\"anchor\",\"attempt\":2,\"intentId\":\"anchor-epoch-7-attempt-2\"}"),
                new Stored(new EpochStepRetriedEvent(7, Step.FUND, 3, "fund-epoch-7-attempt-3"),
                        "{\"epoch\":7,\"step\":\"fund\",\"attempt\":3,\"intentId\":\"fund-epoch-7-attempt-3\"}"),
                new Stored(new EpochStepRetriedEvent(12, Step.batch(10), 2, "push-epoch-12-batch-10-attempt-2"),
                        "{\"epoch\":12,\"step\":\"batch-10\",\"attempt\":2,"
                                + "\"intentId\":\"push-epoch-12-batch-10-attempt-2\"}"));
    }

    @ParameterizedTest
    @MethodSource("stored")
    void anEventIsWrittenAsBefore(Stored stored) throws Exception {
        assertThat(AXON.writeValueAsString(stored.event())).isEqualTo(stored.json());
    }

    @org.junit.jupiter.api.Test
    void aFailedStepStoredBeforeItNamedItsTransactionReadsWithNone() throws Exception {
        String stored = "{\"epoch\":7,\"step\":\"anchor\",\"attempt\":1,\"intentId\":\"anchor-epoch-7\","
                + "\"outcome\":\"REVERTED\",\"reason\":\"AnchorExists\"}";

        assertThat(AXON.readValue(stored, EpochStepFailedEvent.class)).isEqualTo(new EpochStepFailedEvent(7,
                Step.ANCHOR, 1, "anchor-epoch-7", StepOutcome.REVERTED, "AnchorExists", null));
    }

    @ParameterizedTest
    @MethodSource("stored")
    void anEventStoredBeforeReadsBackTheSame(Stored stored) throws Exception {
        assertThat(AXON.readValue(stored.json(), stored.event().getClass())).isEqualTo(stored.event());
    }
}
