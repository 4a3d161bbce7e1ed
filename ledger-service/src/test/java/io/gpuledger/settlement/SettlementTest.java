package io.gpuledger.settlement;


import static io.gpuledger.common.RejectionCode.EPOCH_CLOSE_CONFLICT;
import static io.gpuledger.support.RejectionMatchers.rejected;

import io.gpuledger.settlement.api.CloseEpochCommand;
import io.gpuledger.settlement.api.EpochClosedEvent;
import io.gpuledger.settlement.api.Payout;
import io.gpuledger.settlement.api.PoolBasis;
import io.gpuledger.settlement.api.PoolShare;
import io.gpuledger.settlement.api.RewardPoolsSettledEvent;
import io.gpuledger.settlement.api.SettleRewardPoolsCommand;
import io.gpuledger.settlement.api.SettledPool;
import io.gpuledger.settlement.api.WaitingPool;
import java.math.BigInteger;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The settlement aggregate's rules, one test each: epochs are numbered from 1 without gaps, and each
 * one settles the events after the previous one's cut, so no event is settled twice or never.
 */
class SettlementTest {

    private static final Payout PAYOUT = new Payout("0x0000000000000000000000000000000000000a01",
            BigInteger.valueOf(100));
    private static final String PAYOUT_ROOT = "0x" + "11".repeat(32);
    private static final String EVENTS_ROOT = "0x" + "22".repeat(32);

    private FixtureConfiguration<Settlement> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Settlement.class);
    }

    @Test
    void canCloseTheFirstEpochFromTheStartOfTheEventStore() {
        fixture.givenNoPriorActivity()
                .when(close(1, 0, 10))
                .expectSuccessfulHandlerExecution()
                .expectEvents(closed(1, 0, 10));
    }

    @Test
    void canCloseAnEpochWhereTheLastOneEnded() {
        fixture.given(closed(1, 0, 10), closed(2, 10, 25))
                .when(close(3, 25, 26))
                .expectEvents(closed(3, 25, 26));
    }

    @Test
    void canCloseAnEpochWithoutEvents() {
        fixture.given(closed(1, 0, 10))
                .when(close(2, 10, 10))
                .expectEvents(closed(2, 10, 10));
    }

    @Test
    void cannotCloseTheFirstEpochUnderAnotherNumber() {
        fixture.givenNoPriorActivity()
                .when(close(2, 0, 10))
                .expectNoEvents().expectException(rejected(EPOCH_CLOSE_CONFLICT));
    }

    @Test
    void cannotCloseAnEpochTwice() {
        fixture.given(closed(1, 0, 10))
                .when(close(1, 0, 10))
                .expectNoEvents().expectException(rejected(EPOCH_CLOSE_CONFLICT));
    }

    @Test
    void cannotCloseAnEpochThatSkipsANumber() {
        fixture.given(closed(1, 0, 10))
                .when(close(3, 10, 20))
                .expectNoEvents().expectException(rejected(EPOCH_CLOSE_CONFLICT));
    }

    @Test
    void cannotCloseTheFirstEpochFromAfterTheStartOfTheEventStore() {
        fixture.givenNoPriorActivity()
                .when(close(1, 5, 10))
                .expectNoEvents().expectException(rejected(EPOCH_CLOSE_CONFLICT));
    }

    @Test
    void cannotCloseAnEpochThatDoesNotStartWhereTheLastOneEnded() {
        fixture.given(closed(1, 0, 10))
                .when(close(2, 9, 20))
                .expectNoEvents().expectException(rejected(EPOCH_CLOSE_CONFLICT));
        fixture.given(closed(1, 0, 10))
                .when(close(2, 11, 20))
                .expectNoEvents().expectException(rejected(EPOCH_CLOSE_CONFLICT));
    }

    @Test
    void cannotCloseAnEpochWhoseCutPrecedesItsStart() {
        fixture.given(closed(1, 0, 10))
                .when(close(2, 10, 9))
                .expectNoEvents().expectException(rejected(EPOCH_CLOSE_CONFLICT));
    }

    @Test
    void canRecordThePoolsOfTheEpochJustClosed() {
        fixture.given(closed(1, 0, 10))
                .when(new SettleRewardPoolsCommand(1, List.of(POOL), List.of(WAITING)))
                .expectEvents(new RewardPoolsSettledEvent(1, List.of(POOL), List.of(WAITING)));
    }

    @Test
    void cannotRecordThePoolsOfAnEpochTwice() {
        fixture.given(closed(1, 0, 10), new RewardPoolsSettledEvent(1, List.of(POOL), List.of()))
                .when(new SettleRewardPoolsCommand(1, List.of(POOL), List.of()))
                .expectNoEvents().expectException(rejected(EPOCH_CLOSE_CONFLICT));
    }

    @Test
    void cannotRecordThePoolsOfAnEpochOtherThanTheLastClosed() {
        fixture.given(closed(1, 0, 10), closed(2, 10, 20))
                .when(new SettleRewardPoolsCommand(1, List.of(POOL), List.of()))
                .expectNoEvents().expectException(rejected(EPOCH_CLOSE_CONFLICT));
        fixture.given(closed(1, 0, 10))
                .when(new SettleRewardPoolsCommand(2, List.of(POOL), List.of()))
                .expectNoEvents().expectException(rejected(EPOCH_CLOSE_CONFLICT));
    }

    // ---- helpers

    private static final SettledPool POOL = new SettledPool("tempo-1", PoolBasis.WEIGHTS, BigInteger.valueOf(100),
            List.of(new PoolShare(PAYOUT.account(), BigInteger.valueOf(100))));
    private static final WaitingPool WAITING = new WaitingPool("week-48", BigInteger.valueOf(5));

    private static CloseEpochCommand close(long epoch, long from, long to) {
        return new CloseEpochCommand(epoch, from, to, to - from, List.of(PAYOUT), PAYOUT.amountUnits(), PAYOUT_ROOT,
                EVENTS_ROOT, List.of(), List.of(), BigInteger.ZERO, List.of(), List.of());
    }

    private static EpochClosedEvent closed(long epoch, long from, long to) {
        return new EpochClosedEvent(epoch, from, to, to - from, List.of(PAYOUT), PAYOUT.amountUnits(), PAYOUT_ROOT,
                EVENTS_ROOT, List.of(), List.of(), BigInteger.ZERO, List.of(), List.of());
    }
}
