package io.gpuledger.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.settlement.api.EpochSteps;
import org.junit.jupiter.api.Test;

class EpochStepsTest {

    @Test
    void eachStepGoesOutUnderAnIntentNamedByItsPurpose() {
        assertThat(EpochSteps.intentId(7, EpochSteps.ANCHOR, 1)).isEqualTo("anchor-epoch-7");
        assertThat(EpochSteps.intentId(7, EpochSteps.FUND, 1)).isEqualTo("fund-epoch-7");
        assertThat(EpochSteps.intentId(7, EpochSteps.batch(12), 1)).isEqualTo("push-epoch-7-batch-12");
    }

    @Test
    void aRetriedStepGoesOutUnderANewIntent() {
        assertThat(EpochSteps.intentId(7, EpochSteps.ANCHOR, 2)).isEqualTo("anchor-epoch-7-attempt-2");
        assertThat(EpochSteps.intentId(7, EpochSteps.batch(3), 4)).isEqualTo("push-epoch-7-batch-3-attempt-4");
    }
}
