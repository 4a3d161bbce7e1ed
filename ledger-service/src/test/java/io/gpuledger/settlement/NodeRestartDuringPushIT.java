package io.gpuledger.settlement;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.support.SettlementIT;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The node stops in the middle of an epoch's push, with payout transactions sent and not yet mined,
 * and starts again with its chain but not its pool: the push goes on where it was, and every provider
 * is paid exactly once.
 */
class NodeRestartDuringPushIT extends SettlementIT {

    private static final int PROVIDERS = 7;

    @Test
    void anEpochWhosePushTheNodeDroppedMidwayPaysEveryProviderOnceWhenTheNodeIsBack() throws Exception {
        List<String> providers = new ArrayList<>();
        for (int i = 0; i < PROVIDERS; i++) {
            String provider = freshAddress();
            providers.add(provider);
            usage(MARKETPLACE_A, openLease(MARKETPLACE_A, provider), "r-1", "2026-11-05T00:00:00Z",
                    "2026-11-05T01:00:00Z", 3_600 + 7L * i);
        }
        long epoch = closeEpoch();
        Map<String, BigInteger> owed = payouts(epoch);
        assertThat(owed).hasSize(PROVIDERS);

        // Blocks are mined one at a time until a payout batch has been sent and waits in the pool.
        anvil.setAutomine(false);
        assertThat(push(epoch).status()).isEqualTo(202);
        await("a payout batch in flight").atMost(patience()).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (pushIntentBroadcast(epoch)) {
                return true;
            }
            assertThat(epoch(epoch).path("status").asText()).as("paid before a batch was caught in flight")
                    .isNotEqualTo("PAID");
            anvil.mine(1);
            return false;
        });
        int paidBeforeTheStop = payoutPaidLogs(epoch).size();
        assertThat(paidBeforeTheStop).isLessThan(PROVIDERS);

        anvil.stop();
        await("the ledger to wait for the node").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> !"PAID".equals(epoch(epoch).path("status").asText()));
        anvil.restart();

        awaitStatus(epoch, "PAID");
        assertThat(payoutPaidLogs(epoch)).extracting(log -> log.account.toLowerCase())
                .containsExactlyInAnyOrderElementsOf(providers.stream().map(String::toLowerCase).toList());
        for (String provider : providers) {
            assertThat(contracts.tokenAs(contracts.operator()).balanceOf(provider).send()).as(provider)
                    .isEqualTo(owed.get(provider));
        }
        assertThat(epochAnchoredLogCount(epoch)).isEqualTo(1);
        for (int batch = 1; batch <= 3; batch++) {
            String intent = "push-epoch-" + epoch + "-batch-" + batch;
            assertThat(api.get(OPERATOR, "/v1/settlement/chain/intents/" + intent).json().path("status").asText())
                    .as(intent).isEqualTo("CONFIRMED");
        }
    }

    private boolean pushIntentBroadcast(long epoch) {
        for (int batch = 1; batch <= 3; batch++) {
            var intent = api.get(OPERATOR, "/v1/settlement/chain/intents/push-epoch-" + epoch + "-batch-" + batch);
            if (intent.status() == 200 && "BROADCAST".equals(intent.json().path("status").asText())) {
                return true;
            }
        }
        return false;
    }
}
