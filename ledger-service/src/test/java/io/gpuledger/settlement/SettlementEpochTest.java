package io.gpuledger.settlement;

import static io.gpuledger.settlement.api.StepOutcome.REVERTED;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.settlement.api.EpochAnchorRequestedEvent;
import io.gpuledger.settlement.api.EpochAnchoredEvent;
import io.gpuledger.settlement.api.EpochFundedEvent;
import io.gpuledger.settlement.api.EpochPaidEvent;
import io.gpuledger.settlement.api.EpochStepFailedEvent;
import io.gpuledger.settlement.api.EpochStepRetriedEvent;
import io.gpuledger.settlement.api.FundingMode;
import io.gpuledger.settlement.api.Payout;
import io.gpuledger.settlement.api.PayoutBatchConfirmedEvent;
import io.gpuledger.settlement.api.PayoutBatchSubmittedEvent;
import io.gpuledger.settlement.api.PayoutClaimedEvent;
import io.gpuledger.settlement.api.PayoutPushStartedEvent;
import io.gpuledger.settlement.api.RecordEpochAnchoredCommand;
import io.gpuledger.settlement.api.RecordEpochFundedCommand;
import io.gpuledger.settlement.api.RecordEpochStepFailedCommand;
import io.gpuledger.settlement.api.RecordPayoutBatchConfirmedCommand;
import io.gpuledger.settlement.api.RecordPayoutBatchSubmittedCommand;
import io.gpuledger.settlement.api.RecordPayoutClaimedCommand;
import io.gpuledger.settlement.api.RequestEpochAnchorCommand;
import io.gpuledger.settlement.api.RequestPayoutPushCommand;
import io.gpuledger.settlement.api.Step;
import java.math.BigInteger;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SettlementEpochTest {

    private static final long EPOCH = 7;
    private static final String PAYOUT_ROOT = "0x" + "11".repeat(32);
    private static final String EVENTS_ROOT = "0x" + "22".repeat(32);
    // Three accounts, given out of order: pushes go in ascending address order (A, B, C).
    private static final Payout A = new Payout("0x0000000000000000000000000000000000000a01", units(100));
    private static final Payout B = new Payout("0x0000000000000000000000000000000000000B02", units(200));
    private static final Payout C = new Payout("0x0000000000000000000000000000000000000c03", units(300));
    private static final List<Payout> PAYOUTS = List.of(C, A, B);
    private static final BigInteger TOTAL = units(600);
    private static final String TX = "0x" + "ab".repeat(32);

    private FixtureConfiguration<SettlementEpoch> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SettlementEpoch.class);
    }

    // ---- requests

    @Test
    void canRequestAnchoringOnce() {
        fixture.givenNoPriorActivity()
                .when(new RequestEpochAnchorCommand(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, TOTAL, PAYOUTS))
                .expectEvents(requested());
        fixture.given(requested())
                .when(new RequestEpochAnchorCommand(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, TOTAL, PAYOUTS))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void cannotRequestAnEpochAgainWithOtherRoots() {
        fixture.given(requested())
                .when(new RequestEpochAnchorCommand(EPOCH, EVENTS_ROOT, EVENTS_ROOT, TOTAL, PAYOUTS))
                .expectNoEvents().expectException(rejected(RejectionCode.EPOCH_STEP_CONFLICT));
    }

    @Test
    void cannotRequestPayoutsThatDoNotAddUpToTheTotal() {
        fixture.givenNoPriorActivity()
                .when(new RequestEpochAnchorCommand(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, units(601), PAYOUTS))
                .expectNoEvents().expectException(IllegalArgumentException.class);
    }

    @Test
    void canRequestAPushBeforeAnchoringWhichRequestsTheAnchorToo() {
        fixture.givenNoPriorActivity()
                .when(push(2))
                .expectEvents(requested(), new PayoutPushStartedEvent(EPOCH, 2, 2));
    }

    @Test
    void cannotChangeTheBatchSizeOncePushingStarted() {
        fixture.given(requested(), new PayoutPushStartedEvent(EPOCH, 2, 2))
                .when(push(1))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    // ---- anchoring and funding

    @Test
    void canRecordTheAnchorOnce() {
        fixture.given(requested())
                .when(new RecordEpochAnchoredCommand(EPOCH, "anchor-epoch-7", TX, 42))
                .expectEvents(anchored());
        fixture.given(requested(), anchored())
                .when(new RecordEpochAnchoredCommand(EPOCH, "anchor-epoch-7", TX, 42))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void cannotRecordTheAnchorOfAnIntentThatIsNotTheSteps() {
        fixture.given(requested())
                .when(new RecordEpochAnchoredCommand(EPOCH, "anchor-epoch-8", TX, 42))
                .expectNoEvents().expectException(rejected(RejectionCode.EPOCH_STEP_CONFLICT));
    }

    @Test
    void anEpochWithoutPayoutsIsPaidOnceAnchored() {
        fixture.given(new EpochAnchorRequestedEvent(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, BigInteger.ZERO, List.of()))
                .when(new RecordEpochAnchoredCommand(EPOCH, "anchor-epoch-7", TX, 42))
                .expectEvents(new EpochAnchoredEvent(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, BigInteger.ZERO,
                        "anchor-epoch-7", TX, 42), new EpochPaidEvent(EPOCH, 0, BigInteger.ZERO));
    }

    @Test
    void cannotRecordFundingBeforeTheAnchor() {
        fixture.given(requested())
                .when(new RecordEpochFundedCommand(EPOCH, "fund-epoch-7", FundingMode.MINT, TOTAL, TX, 43))
                .expectNoEvents().expectException(rejected(RejectionCode.EPOCH_NOT_ANCHORED));
    }

    @Test
    void cannotRecordFundingOfAnotherAmountThanTheTotal() {
        fixture.given(requested(), anchored())
                .when(new RecordEpochFundedCommand(EPOCH, "fund-epoch-7", FundingMode.MINT, units(599), TX, 43))
                .expectNoEvents().expectException(rejected(RejectionCode.EPOCH_STEP_CONFLICT));
    }

    // ---- batches

    @Test
    void canSubmitABatchWithItsAccountsInAscendingOrder() {
        fixture.given(requested(), anchored(), funded(), new PayoutPushStartedEvent(EPOCH, 2, 2))
                .when(new RecordPayoutBatchSubmittedCommand(EPOCH, 1, "push-epoch-7-batch-1"))
                .expectEvents(new PayoutBatchSubmittedEvent(EPOCH, 1, "push-epoch-7-batch-1",
                        List.of(A.account(), B.account())));
    }

    @Test
    void cannotSubmitABatchBeforeTheDistributorIsFunded() {
        fixture.given(requested(), anchored(), new PayoutPushStartedEvent(EPOCH, 2, 2))
                .when(new RecordPayoutBatchSubmittedCommand(EPOCH, 1, "push-epoch-7-batch-1"))
                .expectNoEvents().expectException(rejected(RejectionCode.EPOCH_STEP_CONFLICT));
    }

    @Test
    void cannotSubmitABatchBeforeThePreviousOneIsConfirmed() {
        fixture.given(requested(), anchored(), funded(), new PayoutPushStartedEvent(EPOCH, 2, 2), submitted(1))
                .when(new RecordPayoutBatchSubmittedCommand(EPOCH, 2, "push-epoch-7-batch-2"))
                .expectNoEvents().expectException(rejected(RejectionCode.EPOCH_STEP_CONFLICT));
    }

    @Test
    void canConfirmTheLastBatchWhichMakesTheEpochPaid() {
        fixture.given(requested(), anchored(), funded(), new PayoutPushStartedEvent(EPOCH, 2, 2), submitted(1),
                        confirmed(1, A, B), submitted(2))
                .when(new RecordPayoutBatchConfirmedCommand(EPOCH, 2, "push-epoch-7-batch-2", TX, 50, List.of(C)))
                .expectEvents(confirmed(2, C), new EpochPaidEvent(EPOCH, 3, TOTAL));
    }

    @Test
    void cannotConfirmABatchThatPaidAnAccountOfAnotherBatch() {
        fixture.given(requested(), anchored(), funded(), new PayoutPushStartedEvent(EPOCH, 2, 2), submitted(1))
                .when(new RecordPayoutBatchConfirmedCommand(EPOCH, 1, "push-epoch-7-batch-1", TX, 50, List.of(A, C)))
                .expectNoEvents().expectException(rejected(RejectionCode.PAYOUT_MISMATCH));
    }

    @Test
    void cannotConfirmABatchThatPaidAnAccountWhichClaimedBefore() {
        fixture.given(requested(), anchored(), funded(), new PayoutPushStartedEvent(EPOCH, 2, 2), submitted(1),
                        new PayoutClaimedEvent(EPOCH, B.account(), B.amountUnits(), TX, 45))
                .when(new RecordPayoutBatchConfirmedCommand(EPOCH, 1, "push-epoch-7-batch-1", TX, 50, List.of(A, B)))
                .expectNoEvents().expectException(rejected(RejectionCode.PAYOUT_ALREADY_PAID));
    }

    @Test
    void aBatchThatSkippedAClaimedAccountStillCompletesTheEpoch() {
        fixture.given(requested(), anchored(), funded(), new PayoutPushStartedEvent(EPOCH, 3, 1),
                        new PayoutClaimedEvent(EPOCH, B.account(), B.amountUnits(), TX, 45),
                        new PayoutBatchSubmittedEvent(EPOCH, 1, "push-epoch-7-batch-1",
                                List.of(A.account(), B.account(), C.account())))
                .when(new RecordPayoutBatchConfirmedCommand(EPOCH, 1, "push-epoch-7-batch-1", TX, 50, List.of(A, C)))
                .expectEvents(confirmed(1, A, C), new EpochPaidEvent(EPOCH, 3, TOTAL));
    }

    // ---- claims

    @Test
    void canRecordAClaimOnce() {
        RecordPayoutClaimedCommand claim = new RecordPayoutClaimedCommand(EPOCH, C.account().toUpperCase()
                .replace("0X", "0x"), C.amountUnits(), TX, 44);
        fixture.given(requested(), anchored())
                .when(claim)
                .expectEvents(new PayoutClaimedEvent(EPOCH, C.account(), C.amountUnits(), TX, 44));
        fixture.given(requested(), anchored(), new PayoutClaimedEvent(EPOCH, C.account(), C.amountUnits(), TX, 44))
                .when(claim)
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void cannotRecordAClaimOfAnotherAmount() {
        fixture.given(requested(), anchored())
                .when(new RecordPayoutClaimedCommand(EPOCH, C.account(), units(301), TX, 44))
                .expectNoEvents().expectException(rejected(RejectionCode.PAYOUT_MISMATCH));
    }

    @Test
    void cannotRecordAClaimOfAnAccountThatAPushPaid() {
        fixture.given(requested(), anchored(), funded(), new PayoutPushStartedEvent(EPOCH, 2, 2), submitted(1),
                        confirmed(1, A, B))
                .when(new RecordPayoutClaimedCommand(EPOCH, A.account(), A.amountUnits(), TX, 60))
                .expectNoEvents().expectException(rejected(RejectionCode.PAYOUT_ALREADY_PAID));
    }

    @Test
    void claimsOfEveryPayoutMakeTheEpochPaid() {
        fixture.given(requested(), anchored(), funded(),
                        new PayoutClaimedEvent(EPOCH, A.account(), A.amountUnits(), TX, 44),
                        new PayoutClaimedEvent(EPOCH, B.account(), B.amountUnits(), TX, 45))
                .when(new RecordPayoutClaimedCommand(EPOCH, C.account(), C.amountUnits(), TX, 46))
                .expectEvents(new PayoutClaimedEvent(EPOCH, C.account(), C.amountUnits(), TX, 46),
                        new EpochPaidEvent(EPOCH, 3, TOTAL));
    }

    // ---- failures and retries

    @Test
    void canRetryAFailedStepUnderItsNextIntent() {
        fixture.given(requested(), new EpochStepFailedEvent(EPOCH, Step.ANCHOR, 1, "anchor-epoch-7", REVERTED, "x"))
                .when(new RequestEpochAnchorCommand(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, TOTAL, PAYOUTS))
                .expectEvents(new EpochStepRetriedEvent(EPOCH, Step.ANCHOR, 2, "anchor-epoch-7-attempt-2"));
    }

    @Test
    void cannotRecordTheOutcomeOfAnAttemptThatWasRetried() {
        fixture.given(requested(), new EpochStepFailedEvent(EPOCH, Step.ANCHOR, 1, "anchor-epoch-7", REVERTED, "x"),
                        new EpochStepRetriedEvent(EPOCH, Step.ANCHOR, 2, "anchor-epoch-7-attempt-2"))
                .when(new RecordEpochAnchoredCommand(EPOCH, "anchor-epoch-7", TX, 42))
                .expectNoEvents().expectException(rejected(RejectionCode.EPOCH_STEP_CONFLICT));
    }

    @Test
    void cannotFailAStepThatIsDone() {
        fixture.given(requested(), anchored())
                .when(new RecordEpochStepFailedCommand(EPOCH, Step.ANCHOR, "anchor-epoch-7", REVERTED, "x"))
                .expectNoEvents().expectException(rejected(RejectionCode.EPOCH_STEP_CONFLICT));
    }

    @Test
    void canRecordAFailedBatchWhichAPushRequestRetries() {
        fixture.given(requested(), anchored(), funded(), new PayoutPushStartedEvent(EPOCH, 2, 2), submitted(1))
                .when(new RecordEpochStepFailedCommand(EPOCH, Step.batch(1), "push-epoch-7-batch-1", REVERTED, "y"))
                .expectEvents(new EpochStepFailedEvent(EPOCH, Step.batch(1), 1, "push-epoch-7-batch-1", REVERTED, "y"));
        fixture.given(requested(), anchored(), funded(), new PayoutPushStartedEvent(EPOCH, 2, 2), submitted(1),
                        new EpochStepFailedEvent(EPOCH, Step.batch(1), 1, "push-epoch-7-batch-1", REVERTED, "y"))
                .when(push(2))
                .expectEvents(new EpochStepRetriedEvent(EPOCH, Step.batch(1), 2, "push-epoch-7-batch-1-attempt-2"));
    }

    // ---- helpers

    private static BigInteger units(long units) {
        return BigInteger.valueOf(units);
    }

    private static RequestPayoutPushCommand push(int batchSize) {
        return new RequestPayoutPushCommand(EPOCH, batchSize, PAYOUT_ROOT, EVENTS_ROOT, TOTAL, PAYOUTS);
    }

    private static EpochAnchorRequestedEvent requested() {
        return new EpochAnchorRequestedEvent(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, TOTAL, PAYOUTS);
    }

    private static EpochAnchoredEvent anchored() {
        return new EpochAnchoredEvent(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, TOTAL, "anchor-epoch-7", TX, 42);
    }

    private static EpochFundedEvent funded() {
        return new EpochFundedEvent(EPOCH, FundingMode.MINT, TOTAL, "fund-epoch-7", TX, 43);
    }

    private static PayoutBatchSubmittedEvent submitted(int batch) {
        List<String> accounts = batch == 1 ? List.of(A.account(), B.account()) : List.of(C.account());
        return new PayoutBatchSubmittedEvent(EPOCH, batch, "push-epoch-7-batch-" + batch, accounts);
    }

    private static PayoutBatchConfirmedEvent confirmed(int batch, Payout... paid) {
        return new PayoutBatchConfirmedEvent(EPOCH, batch, "push-epoch-7-batch-" + batch, TX, 50, List.of(paid));
    }

    private static Matcher<Throwable> rejected(RejectionCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable failure) {
                return failure instanceof LedgerRejection rejection && rejection.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a LedgerRejection with code " + code);
            }
        };
    }
}
