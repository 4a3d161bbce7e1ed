package io.gpuledger.settlement;


import static io.gpuledger.common.RejectionCode.EPOCH_FUNDING_MISMATCH;
import static io.gpuledger.common.RejectionCode.EPOCH_NOT_ANCHORED;
import static io.gpuledger.common.RejectionCode.EPOCH_NOT_FUNDED;
import static io.gpuledger.common.RejectionCode.EPOCH_REQUEST_CONFLICT;
import static io.gpuledger.common.RejectionCode.EPOCH_STEP_ALREADY_DONE;
import static io.gpuledger.common.RejectionCode.EPOCH_STEP_INTENT_MISMATCH;
import static io.gpuledger.common.RejectionCode.EPOCH_STEP_UNKNOWN;
import static io.gpuledger.common.RejectionCode.PAYOUT_ALREADY_PAID;
import static io.gpuledger.common.RejectionCode.PAYOUT_BATCH_NOT_SUBMITTED;
import static io.gpuledger.common.RejectionCode.PAYOUT_BATCH_OUT_OF_ORDER;
import static io.gpuledger.common.RejectionCode.PAYOUT_MISMATCH;
import static io.gpuledger.common.RejectionCode.PAYOUT_PUSH_NOT_STARTED;
import static io.gpuledger.settlement.api.StepOutcome.FAILED;
import static io.gpuledger.settlement.api.StepOutcome.REVERTED;
import static io.gpuledger.support.RejectionMatchers.rejected;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The epoch aggregate's rules, one test each. The standard epoch 7 pays three accounts, 600 units in
 * all; pushed in batches of two, batch 1 pays A and B and batch 2 pays C.
 */
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
    private static final String ESCROW_TX = "0x" + "cd".repeat(32);
    private static final String OTHER_TX = "0x" + "cd".repeat(32);

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
                .expectNoEvents().expectException(rejected(EPOCH_REQUEST_CONFLICT));
    }

    @Test
    void cannotRequestAPushOfAnEpochRequestedWithOtherRoots() {
        fixture.given(requested())
                .when(new RequestPayoutPushCommand(EPOCH, 2, PAYOUT_ROOT, PAYOUT_ROOT, TOTAL, PAYOUTS))
                .expectNoEvents().expectException(rejected(EPOCH_REQUEST_CONFLICT));
    }

    @Test
    void cannotRequestAnEpochBeforeTheFirst() {
        fixture.givenNoPriorActivity()
                .when(new RequestEpochAnchorCommand(0, PAYOUT_ROOT, EVENTS_ROOT, TOTAL, PAYOUTS))
                .expectNoEvents().expectException(IllegalArgumentException.class);
    }

    @Test
    void cannotRequestPayoutsThatDoNotAddUpToTheTotal() {
        fixture.givenNoPriorActivity()
                .when(new RequestEpochAnchorCommand(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, units(601), PAYOUTS))
                .expectNoEvents().expectException(IllegalArgumentException.class);
    }

    @Test
    void cannotRequestPayoutsThatNameAnAccountTwice() {
        Payout again = new Payout(A.account().toUpperCase().replace("0X", "0x"), units(500));
        fixture.givenNoPriorActivity()
                .when(new RequestEpochAnchorCommand(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, TOTAL, List.of(A, again)))
                .expectNoEvents().expectException(IllegalArgumentException.class);
    }

    @Test
    void cannotRequestAPayoutOfNothing() {
        Payout nothing = new Payout("0x0000000000000000000000000000000000000d04", BigInteger.ZERO);
        fixture.givenNoPriorActivity()
                .when(new RequestEpochAnchorCommand(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, TOTAL, List.of(C, A, B, nothing)))
                .expectNoEvents().expectException(IllegalArgumentException.class);
    }

    @Test
    void canRequestAPushBeforeAnchoringWhichRequestsTheAnchorToo() {
        fixture.givenNoPriorActivity()
                .when(push(2))
                .expectEvents(requested(), new PayoutPushStartedEvent(EPOCH, 2, 2));
    }

    @Test
    void canRequestAPushOfAnAnchoredEpoch() {
        fixture.given(requested(), anchored(), funded())
                .when(push(1))
                .expectEvents(new PayoutPushStartedEvent(EPOCH, 1, 3));
    }

    @Test
    void cannotPushInBatchesOfNoPayout() {
        fixture.given(requested(), anchored())
                .when(push(0))
                .expectNoEvents().expectException(IllegalArgumentException.class);
    }

    @Test
    void cannotChangeTheBatchSizeOncePushingStarted() {
        fixture.given(requested(), new PayoutPushStartedEvent(EPOCH, 2, 2))
                .when(push(1))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void cannotStartPushingAPaidEpoch() {
        fixture.given(unpaidRequested(), unpaidAnchored(), new EpochPaidEvent(EPOCH, 0, BigInteger.ZERO))
                .when(new RequestPayoutPushCommand(EPOCH, 2, PAYOUT_ROOT, EVENTS_ROOT, BigInteger.ZERO, List.of()))
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
                .expectNoEvents().expectException(rejected(EPOCH_STEP_INTENT_MISMATCH));
    }

    @Test
    void canPayAnEpochWithoutPayoutsOnceItIsAnchored() {
        fixture.given(unpaidRequested())
                .when(new RecordEpochAnchoredCommand(EPOCH, "anchor-epoch-7", TX, 42))
                .expectEvents(unpaidAnchored(), new EpochPaidEvent(EPOCH, 0, BigInteger.ZERO));
    }

    @Test
    void canRecordFundingOnce() {
        fixture.given(requested(), anchored())
                .when(new RecordEpochFundedCommand(EPOCH, "fund-epoch-7", FundingMode.MINT, TOTAL, TX, 43, BigInteger.ZERO, null))
                .expectEvents(funded());
        fixture.given(requested(), anchored(), funded())
                .when(new RecordEpochFundedCommand(EPOCH, "fund-epoch-7", FundingMode.MINT, TOTAL, TX, 43, BigInteger.ZERO, null))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void cannotRecordFundingBeforeTheAnchor() {
        fixture.given(requested())
                .when(new RecordEpochFundedCommand(EPOCH, "fund-epoch-7", FundingMode.MINT, TOTAL, TX, 43, BigInteger.ZERO, null))
                .expectNoEvents().expectException(rejected(EPOCH_NOT_ANCHORED));
    }

    @Test
    void cannotRecordFundingOfAnIntentThatIsNotTheSteps() {
        fixture.given(requested(), anchored())
                .when(new RecordEpochFundedCommand(EPOCH, "fund-epoch-7-mint", FundingMode.MINT, TOTAL, TX, 43, BigInteger.ZERO, null))
                .expectNoEvents().expectException(rejected(EPOCH_STEP_INTENT_MISMATCH));
    }

    @Test
    void cannotRecordFundingOfAnotherAmountThanTheTotal() {
        fixture.given(requested(), anchored())
                .when(new RecordEpochFundedCommand(EPOCH, "fund-epoch-7", FundingMode.MINT, units(599), TX, 43, BigInteger.ZERO, null))
                .expectNoEvents().expectException(rejected(EPOCH_FUNDING_MISMATCH));
    }

    @Test
    void canRecordFundingWithTheEscrowReleaseBeforeIt() {
        fixture.given(requested(), anchored())
                .when(new RecordEpochFundedCommand(EPOCH, "fund-epoch-7", FundingMode.TRANSFER, TOTAL, TX, 43,
                        units(450), ESCROW_TX))
                .expectEvents(new EpochFundedEvent(EPOCH, FundingMode.TRANSFER, TOTAL, "fund-epoch-7", TX, 43,
                        units(450), ESCROW_TX));
    }

    @Test
    void cannotRecordANegativeEscrowRelease() {
        fixture.given(requested(), anchored())
                .when(new RecordEpochFundedCommand(EPOCH, "fund-epoch-7", FundingMode.TRANSFER, TOTAL, TX, 43,
                        units(-450), ESCROW_TX))
                .expectNoEvents().expectException(rejected(EPOCH_FUNDING_MISMATCH));
    }

    @Test
    void cannotRecordAnEscrowReleaseWithoutItsTransaction() {
        fixture.given(requested(), anchored())
                .when(new RecordEpochFundedCommand(EPOCH, "fund-epoch-7", FundingMode.TRANSFER, TOTAL, TX, 43,
                        units(450), null))
                .expectNoEvents().expectException(rejected(EPOCH_FUNDING_MISMATCH));
    }

    @Test
    void cannotRecordAnEscrowTransactionThatReleasedNothing() {
        fixture.given(requested(), anchored())
                .when(new RecordEpochFundedCommand(EPOCH, "fund-epoch-7", FundingMode.TRANSFER, TOTAL, TX, 43,
                        BigInteger.ZERO, ESCROW_TX))
                .expectNoEvents().expectException(rejected(EPOCH_FUNDING_MISMATCH));
    }

    // ---- batches

    @Test
    void canSubmitABatchWithItsAccountsInAscendingOrder() {
        fixture.given(requested(), anchored(), funded(), pushStarted())
                .when(new RecordPayoutBatchSubmittedCommand(EPOCH, 1, "push-epoch-7-batch-1"))
                .expectEvents(new PayoutBatchSubmittedEvent(EPOCH, 1, "push-epoch-7-batch-1",
                        List.of(A.account(), B.account())));
    }

    @Test
    void canRecordASubmissionOnce() {
        fixture.given(requested(), anchored(), funded(), pushStarted(), submitted(1))
                .when(new RecordPayoutBatchSubmittedCommand(EPOCH, 1, "push-epoch-7-batch-1"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void canSubmitTheNextBatchOnceThePreviousOneIsConfirmed() {
        fixture.given(requested(), anchored(), funded(), pushStarted(), submitted(1), confirmed(1, A, B))
                .when(new RecordPayoutBatchSubmittedCommand(EPOCH, 2, "push-epoch-7-batch-2"))
                .expectEvents(submitted(2));
    }

    @Test
    void cannotSubmitABatchBeforePushingStarted() {
        fixture.given(requested(), anchored(), funded())
                .when(new RecordPayoutBatchSubmittedCommand(EPOCH, 1, "push-epoch-7-batch-1"))
                .expectNoEvents().expectException(rejected(PAYOUT_PUSH_NOT_STARTED));
    }

    @Test
    void cannotSubmitABatchTheEpochDoesNotHave() {
        fixture.given(requested(), anchored(), funded(), pushStarted())
                .when(new RecordPayoutBatchSubmittedCommand(EPOCH, 3, "push-epoch-7-batch-3"))
                .expectNoEvents().expectException(rejected(EPOCH_STEP_UNKNOWN));
        fixture.given(requested(), anchored(), funded(), pushStarted())
                .when(new RecordPayoutBatchSubmittedCommand(EPOCH, 0, "push-epoch-7-batch-0"))
                .expectNoEvents().expectException(rejected(EPOCH_STEP_UNKNOWN));
    }

    @Test
    void cannotSubmitABatchBeforeTheAnchor() {
        fixture.given(requested(), pushStarted())
                .when(new RecordPayoutBatchSubmittedCommand(EPOCH, 1, "push-epoch-7-batch-1"))
                .expectNoEvents().expectException(rejected(EPOCH_NOT_ANCHORED));
    }

    @Test
    void cannotSubmitABatchBeforeTheDistributorIsFunded() {
        fixture.given(requested(), anchored(), pushStarted())
                .when(new RecordPayoutBatchSubmittedCommand(EPOCH, 1, "push-epoch-7-batch-1"))
                .expectNoEvents().expectException(rejected(EPOCH_NOT_FUNDED));
    }

    @Test
    void cannotSubmitABatchBeforeThePreviousOneIsConfirmed() {
        fixture.given(requested(), anchored(), funded(), pushStarted(), submitted(1))
                .when(new RecordPayoutBatchSubmittedCommand(EPOCH, 2, "push-epoch-7-batch-2"))
                .expectNoEvents().expectException(rejected(PAYOUT_BATCH_OUT_OF_ORDER));
    }

    @Test
    void cannotSubmitAConfirmedBatchAgainUnderAnotherIntent() {
        fixture.given(requested(), anchored(), funded(), pushStarted(), submitted(1), confirmed(1, A, B))
                .when(new RecordPayoutBatchSubmittedCommand(EPOCH, 1, "push-epoch-7-batch-1-attempt-2"))
                .expectNoEvents().expectException(rejected(EPOCH_STEP_ALREADY_DONE));
    }

    @Test
    void cannotSubmitABatchUnderAnIntentThatIsNotTheSteps() {
        fixture.given(requested(), anchored(), funded(), pushStarted())
                .when(new RecordPayoutBatchSubmittedCommand(EPOCH, 1, "push-epoch-7-batch-1-attempt-2"))
                .expectNoEvents().expectException(rejected(EPOCH_STEP_INTENT_MISMATCH));
    }

    @Test
    void canConfirmABatchOnce() {
        fixture.given(requested(), anchored(), funded(), pushStarted(), submitted(1))
                .when(new RecordPayoutBatchConfirmedCommand(EPOCH, 1, "push-epoch-7-batch-1", TX, 50, List.of(B, A)))
                .expectEvents(confirmed(1, B, A));
        fixture.given(requested(), anchored(), funded(), pushStarted(), submitted(1), confirmed(1, A, B))
                .when(new RecordPayoutBatchConfirmedCommand(EPOCH, 1, "push-epoch-7-batch-1", TX, 50, List.of(A, B)))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void canConfirmTheLastBatchWhichMakesTheEpochPaid() {
        fixture.given(requested(), anchored(), funded(), pushStarted(), submitted(1), confirmed(1, A, B), submitted(2))
                .when(new RecordPayoutBatchConfirmedCommand(EPOCH, 2, "push-epoch-7-batch-2", TX, 50, List.of(C)))
                .expectEvents(confirmed(2, C), new EpochPaidEvent(EPOCH, 3, TOTAL));
    }

    @Test
    void cannotConfirmABatchBeforePushingStarted() {
        fixture.given(requested(), anchored(), funded())
                .when(new RecordPayoutBatchConfirmedCommand(EPOCH, 1, "push-epoch-7-batch-1", TX, 50, List.of(A, B)))
                .expectNoEvents().expectException(rejected(PAYOUT_PUSH_NOT_STARTED));
    }

    @Test
    void cannotConfirmABatchTheEpochDoesNotHave() {
        fixture.given(requested(), anchored(), funded(), pushStarted())
                .when(new RecordPayoutBatchConfirmedCommand(EPOCH, 3, "push-epoch-7-batch-3", TX, 50, List.of()))
                .expectNoEvents().expectException(rejected(EPOCH_STEP_UNKNOWN));
    }

    @Test
    void cannotConfirmABatchUnderAnIntentNotSubmittedForIt() {
        fixture.given(requested(), anchored(), funded(), pushStarted())
                .when(new RecordPayoutBatchConfirmedCommand(EPOCH, 1, "push-epoch-7-batch-1", TX, 50, List.of(A, B)))
                .expectNoEvents().expectException(rejected(PAYOUT_BATCH_NOT_SUBMITTED));
    }

    @Test
    void cannotConfirmABatchUnderAnAttemptThatWasRetried() {
        fixture.given(requested(), anchored(), funded(), pushStarted(), submitted(1),
                        failed(Step.batch(1), 1, "push-epoch-7-batch-1"),
                        retried(Step.batch(1), 2, "push-epoch-7-batch-1-attempt-2"))
                .when(new RecordPayoutBatchConfirmedCommand(EPOCH, 1, "push-epoch-7-batch-1", TX, 50, List.of(A, B)))
                .expectNoEvents().expectException(rejected(EPOCH_STEP_INTENT_MISMATCH));
    }

    @Test
    void cannotConfirmABatchThatPaidAnAccountOfAnotherBatch() {
        fixture.given(requested(), anchored(), funded(), pushStarted(), submitted(1))
                .when(new RecordPayoutBatchConfirmedCommand(EPOCH, 1, "push-epoch-7-batch-1", TX, 50, List.of(A, C)))
                .expectNoEvents().expectException(rejected(PAYOUT_MISMATCH));
    }

    @Test
    void cannotConfirmABatchThatPaidAnotherAmount() {
        Payout more = new Payout(A.account(), units(101));
        fixture.given(requested(), anchored(), funded(), pushStarted(), submitted(1))
                .when(new RecordPayoutBatchConfirmedCommand(EPOCH, 1, "push-epoch-7-batch-1", TX, 50, List.of(more, B)))
                .expectNoEvents().expectException(rejected(PAYOUT_MISMATCH));
    }

    @Test
    void cannotConfirmABatchThatPaidAnAccountWhichClaimedBefore() {
        fixture.given(requested(), anchored(), funded(), pushStarted(), submitted(1),
                        new PayoutClaimedEvent(EPOCH, B.account(), B.amountUnits(), TX, 45))
                .when(new RecordPayoutBatchConfirmedCommand(EPOCH, 1, "push-epoch-7-batch-1", TX, 50, List.of(A, B)))
                .expectNoEvents().expectException(rejected(PAYOUT_ALREADY_PAID));
    }

    @Test
    void cannotConfirmABatchThatPaidAnAccountTwice() {
        fixture.given(requested(), anchored(), funded(), pushStarted(), submitted(1))
                .when(new RecordPayoutBatchConfirmedCommand(EPOCH, 1, "push-epoch-7-batch-1", TX, 50, List.of(A, B, A)))
                .expectNoEvents().expectException(rejected(PAYOUT_ALREADY_PAID));
    }

    @Test
    void canCompleteTheEpochWithABatchThatSkippedAClaimedAccount() {
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
                .expectNoEvents().expectException(rejected(PAYOUT_MISMATCH));
    }

    @Test
    void cannotRecordAClaimOfAnAccountWithoutAPayout() {
        fixture.given(requested(), anchored())
                .when(new RecordPayoutClaimedCommand(EPOCH, "0x0000000000000000000000000000000000000d04", units(100),
                        TX, 44))
                .expectNoEvents().expectException(rejected(PAYOUT_MISMATCH));
    }

    @Test
    void cannotRecordAClaimOfAnAccountThatAPushPaid() {
        fixture.given(requested(), anchored(), funded(), pushStarted(), submitted(1), confirmed(1, A, B))
                .when(new RecordPayoutClaimedCommand(EPOCH, A.account(), A.amountUnits(), TX, 60))
                .expectNoEvents().expectException(rejected(PAYOUT_ALREADY_PAID));
    }

    @Test
    void cannotRecordASecondClaimOfAnAccount() {
        fixture.given(requested(), anchored(), new PayoutClaimedEvent(EPOCH, C.account(), C.amountUnits(), TX, 44))
                .when(new RecordPayoutClaimedCommand(EPOCH, C.account(), C.amountUnits(), OTHER_TX, 45))
                .expectNoEvents().expectException(rejected(PAYOUT_ALREADY_PAID));
    }

    @Test
    void canPayTheEpochByClaimsOfEveryPayout() {
        fixture.given(requested(), anchored(), funded(),
                        new PayoutClaimedEvent(EPOCH, A.account(), A.amountUnits(), TX, 44),
                        new PayoutClaimedEvent(EPOCH, B.account(), B.amountUnits(), TX, 45))
                .when(new RecordPayoutClaimedCommand(EPOCH, C.account(), C.amountUnits(), TX, 46))
                .expectEvents(new PayoutClaimedEvent(EPOCH, C.account(), C.amountUnits(), TX, 46),
                        new EpochPaidEvent(EPOCH, 3, TOTAL));
    }

    @Test
    void cannotPayAnEpochBeforeItIsAnchored() {
        fixture.given(requested(),
                        new PayoutClaimedEvent(EPOCH, A.account(), A.amountUnits(), TX, 44),
                        new PayoutClaimedEvent(EPOCH, B.account(), B.amountUnits(), TX, 45))
                .when(new RecordPayoutClaimedCommand(EPOCH, C.account(), C.amountUnits(), TX, 46))
                .expectEvents(new PayoutClaimedEvent(EPOCH, C.account(), C.amountUnits(), TX, 46));
        fixture.given(requested(),
                        new PayoutClaimedEvent(EPOCH, A.account(), A.amountUnits(), TX, 44),
                        new PayoutClaimedEvent(EPOCH, B.account(), B.amountUnits(), TX, 45),
                        new PayoutClaimedEvent(EPOCH, C.account(), C.amountUnits(), TX, 46))
                .when(new RecordEpochAnchoredCommand(EPOCH, "anchor-epoch-7", TX, 42))
                .expectEvents(anchored(), new EpochPaidEvent(EPOCH, 3, TOTAL));
    }

    // ---- failures and retries

    @Test
    void canRecordAFailedStepOnce() {
        fixture.given(requested())
                .when(new RecordEpochStepFailedCommand(EPOCH, Step.ANCHOR, "anchor-epoch-7", FAILED, "no node"))
                .expectEvents(new EpochStepFailedEvent(EPOCH, Step.ANCHOR, 1, "anchor-epoch-7", FAILED, "no node", null));
        fixture.given(requested(), failed(Step.ANCHOR, 1, "anchor-epoch-7"))
                .when(new RecordEpochStepFailedCommand(EPOCH, Step.ANCHOR, "anchor-epoch-7", REVERTED, "x"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void canRecordAFailedStepWithTheTransactionThatReverted() {
        fixture.given(requested())
                .when(new RecordEpochStepFailedCommand(EPOCH, Step.ANCHOR, "anchor-epoch-7", REVERTED,
                        "EpochAlreadyAnchored(7)", TX))
                .expectEvents(new EpochStepFailedEvent(EPOCH, Step.ANCHOR, 1, "anchor-epoch-7", REVERTED,
                        "EpochAlreadyAnchored(7)", TX));
    }

    @Test
    void canRetryAFailedStepUnderItsNextIntent() {
        fixture.given(requested(), failed(Step.ANCHOR, 1, "anchor-epoch-7"))
                .when(new RequestEpochAnchorCommand(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, TOTAL, PAYOUTS))
                .expectEvents(retried(Step.ANCHOR, 2, "anchor-epoch-7-attempt-2"));
    }

    @Test
    void canRetryAFailedFundingWithAnAnchorRequest() {
        fixture.given(requested(), anchored(), failed(Step.FUND, 1, "fund-epoch-7"))
                .when(new RequestEpochAnchorCommand(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, TOTAL, PAYOUTS))
                .expectEvents(retried(Step.FUND, 2, "fund-epoch-7-attempt-2"));
    }

    @Test
    void cannotRetryAFailedBatchWithAnAnchorRequest() {
        fixture.given(requested(), anchored(), funded(), pushStarted(), submitted(1),
                        failed(Step.batch(1), 1, "push-epoch-7-batch-1"))
                .when(new RequestEpochAnchorCommand(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, TOTAL, PAYOUTS))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void canRecordAFailedBatchWhichAPushRequestRetries() {
        fixture.given(requested(), anchored(), funded(), pushStarted(), submitted(1))
                .when(new RecordEpochStepFailedCommand(EPOCH, Step.batch(1), "push-epoch-7-batch-1", REVERTED, "y"))
                .expectEvents(new EpochStepFailedEvent(EPOCH, Step.batch(1), 1, "push-epoch-7-batch-1", REVERTED, "y", null));
        fixture.given(requested(), anchored(), funded(), pushStarted(), submitted(1),
                        failed(Step.batch(1), 1, "push-epoch-7-batch-1"))
                .when(push(2))
                .expectEvents(retried(Step.batch(1), 2, "push-epoch-7-batch-1-attempt-2"));
    }

    @Test
    void canFailARetriedAttemptWhichIsRetriedUnderTheAttemptAfter() {
        fixture.given(requested(), failed(Step.ANCHOR, 1, "anchor-epoch-7"),
                        retried(Step.ANCHOR, 2, "anchor-epoch-7-attempt-2"))
                .when(new RecordEpochStepFailedCommand(EPOCH, Step.ANCHOR, "anchor-epoch-7-attempt-2", REVERTED, "x"))
                .expectEvents(failed(Step.ANCHOR, 2, "anchor-epoch-7-attempt-2"));
        fixture.given(requested(), failed(Step.ANCHOR, 1, "anchor-epoch-7"),
                        retried(Step.ANCHOR, 2, "anchor-epoch-7-attempt-2"),
                        failed(Step.ANCHOR, 2, "anchor-epoch-7-attempt-2"))
                .when(new RequestEpochAnchorCommand(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, TOTAL, PAYOUTS))
                .expectEvents(retried(Step.ANCHOR, 3, "anchor-epoch-7-attempt-3"));
    }

    @Test
    void cannotRecordTheOutcomeOfAnAttemptThatWasRetried() {
        fixture.given(requested(), failed(Step.ANCHOR, 1, "anchor-epoch-7"),
                        retried(Step.ANCHOR, 2, "anchor-epoch-7-attempt-2"))
                .when(new RecordEpochAnchoredCommand(EPOCH, "anchor-epoch-7", TX, 42))
                .expectNoEvents().expectException(rejected(EPOCH_STEP_INTENT_MISMATCH));
    }

    @Test
    void cannotFailAStepUnderAnIntentThatIsNotTheSteps() {
        fixture.given(requested())
                .when(new RecordEpochStepFailedCommand(EPOCH, Step.ANCHOR, "fund-epoch-7", REVERTED, "x"))
                .expectNoEvents().expectException(rejected(EPOCH_STEP_INTENT_MISMATCH));
    }

    @Test
    void cannotFailAStepThatIsDone() {
        fixture.given(requested(), anchored())
                .when(new RecordEpochStepFailedCommand(EPOCH, Step.ANCHOR, "anchor-epoch-7", REVERTED, "x"))
                .expectNoEvents().expectException(rejected(EPOCH_STEP_ALREADY_DONE));
    }

    @Test
    void cannotFailABatchThatIsConfirmed() {
        fixture.given(requested(), anchored(), funded(), pushStarted(), submitted(1), confirmed(1, A, B))
                .when(new RecordEpochStepFailedCommand(EPOCH, Step.batch(1), "push-epoch-7-batch-1", REVERTED, "x"))
                .expectNoEvents().expectException(rejected(EPOCH_STEP_ALREADY_DONE));
    }

    @Test
    void cannotFailTheFundingOfAnEpochThatPaysNothing() {
        fixture.given(unpaidRequested())
                .when(new RecordEpochStepFailedCommand(EPOCH, Step.FUND, "fund-epoch-7", FAILED, "x"))
                .expectNoEvents().expectException(rejected(EPOCH_STEP_UNKNOWN));
    }

    @Test
    void cannotFailABatchTheEpochDoesNotHave() {
        fixture.given(requested(), anchored(), funded(), pushStarted())
                .when(new RecordEpochStepFailedCommand(EPOCH, Step.batch(3), "push-epoch-7-batch-3", REVERTED, "x"))
                .expectNoEvents().expectException(rejected(EPOCH_STEP_UNKNOWN));
    }

    @Test
    void cannotFailABatchBeforePushingStarted() {
        fixture.given(requested(), anchored(), funded())
                .when(new RecordEpochStepFailedCommand(EPOCH, Step.batch(1), "push-epoch-7-batch-1", REVERTED, "x"))
                .expectNoEvents().expectException(rejected(PAYOUT_PUSH_NOT_STARTED));
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

    /** An epoch without payouts: nothing to fund or push. */
    private static EpochAnchorRequestedEvent unpaidRequested() {
        return new EpochAnchorRequestedEvent(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, BigInteger.ZERO, List.of());
    }

    private static EpochAnchoredEvent anchored() {
        return new EpochAnchoredEvent(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, TOTAL, "anchor-epoch-7", TX, 42);
    }

    private static EpochAnchoredEvent unpaidAnchored() {
        return new EpochAnchoredEvent(EPOCH, PAYOUT_ROOT, EVENTS_ROOT, BigInteger.ZERO, "anchor-epoch-7", TX, 42);
    }

    private static EpochFundedEvent funded() {
        return new EpochFundedEvent(EPOCH, FundingMode.MINT, TOTAL, "fund-epoch-7", TX, 43, BigInteger.ZERO, null);
    }

    /** Batches of two: batch 1 is A and B, batch 2 is C. */
    private static PayoutPushStartedEvent pushStarted() {
        return new PayoutPushStartedEvent(EPOCH, 2, 2);
    }

    private static PayoutBatchSubmittedEvent submitted(int batch) {
        List<String> accounts = batch == 1 ? List.of(A.account(), B.account()) : List.of(C.account());
        return new PayoutBatchSubmittedEvent(EPOCH, batch, "push-epoch-7-batch-" + batch, accounts);
    }

    private static PayoutBatchConfirmedEvent confirmed(int batch, Payout... paid) {
        return new PayoutBatchConfirmedEvent(EPOCH, batch, "push-epoch-7-batch-" + batch, TX, 50, List.of(paid));
    }

    private static EpochStepFailedEvent failed(Step step, int attempt, String intentId) {
        return new EpochStepFailedEvent(EPOCH, step, attempt, intentId, REVERTED, "x", null);
    }

    private static EpochStepRetriedEvent retried(Step step, int attempt, String intentId) {
        return new EpochStepRetriedEvent(EPOCH, step, attempt, intentId);
    }
}
