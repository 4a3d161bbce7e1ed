package io.gpuledger.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.settlement.api.Step;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EpochStepsTest {

    @Test
    void eachStepGoesOutUnderAnIntentNamedByItsPurpose() {
        assertThat(Step.ANCHOR.intentId(7, 1)).isEqualTo("anchor-epoch-7");
        assertThat(Step.FUND.intentId(7, 1)).isEqualTo("fund-epoch-7");
        assertThat(Step.batch(12).intentId(7, 1)).isEqualTo("push-epoch-7-batch-12");
    }

    @Test
    void aRetriedStepGoesOutUnderANewIntent() {
        assertThat(Step.ANCHOR.intentId(7, 2)).isEqualTo("anchor-epoch-7-attempt-2");
        assertThat(Step.FUND.intentId(7, 3)).isEqualTo("fund-epoch-7-attempt-3");
        assertThat(Step.batch(3).intentId(7, 4)).isEqualTo("push-epoch-7-batch-3-attempt-4");
    }

    @Test
    void aStepIsStoredByItsNameAndReadBackFromIt() {
        assertThat(Stream.of(Step.ANCHOR, Step.FUND, Step.batch(1), Step.batch(12)).map(Step::name))
                .containsExactly("anchor", "fund", "batch-1", "batch-12");
        for (Step step : List.of(Step.ANCHOR, Step.FUND, Step.batch(1), Step.batch(12))) {
            assertThat(Step.of(step.name())).isEqualTo(step);
        }
        assertThat(Step.of("batch-2")).isEqualTo(Step.batch(2)).isInstanceOf(Step.Batch.class);
    }

    @Test
    void aNameNoStepIsStoredUnderIsNoStep() {
        for (String name : List.of("", "Anchor", "funding", "batch-", "batch-0", "batch-01", "batch--1", "batch-+1",
                "batch-x", "batch-1 ", "batch-99999999999")) {
            assertThatThrownBy(() -> Step.of(name)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Step.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Step.batch(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stepsGoInTheOrderOfTheProcess() {
        assertThat(Stream.of(Step.batch(10), Step.FUND, Step.batch(2), Step.ANCHOR, Step.batch(1))
                .sorted(Step.PROCESS_ORDER))
                .containsExactly(Step.ANCHOR, Step.FUND, Step.batch(1), Step.batch(2), Step.batch(10));
    }
}
