package io.gpuledger.settlement;

import static io.gpuledger.settlement.api.Step.ANCHOR;
import static io.gpuledger.settlement.api.Step.FUND;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.settlement.api.EpochAnchorRequestedEvent;
import io.gpuledger.settlement.api.EpochAnchoredEvent;
import io.gpuledger.settlement.api.EpochFundedEvent;
import io.gpuledger.settlement.api.EpochId;
import io.gpuledger.settlement.api.EpochPaidEvent;
import io.gpuledger.settlement.api.EpochStepFailedEvent;
import io.gpuledger.settlement.api.EpochStepRetriedEvent;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One closed epoch on its way to being paid: anchored, the distributor funded, payouts pushed in
 * batches or claimed, then PAID. The chain is driven elsewhere (settlement.onchain); this aggregate
 * records what the chain confirmed and refuses what does not fit: a payment of an account paid
 * already, of another amount, a batch out of order, an outcome of an intent that is not the step's.
 * Recording an outcome a second time changes nothing, so whoever observes the chain may report it again.
 */
@Aggregate(cache = "aggregateCache")
public class SettlementEpoch {

    @AggregateIdentifier
    private String epochId;
    private long epoch;
    private String payoutRoot;
    private String eventsRoot;
    private EpochPayoutBook book;
    private boolean anchored;
    private boolean funded;
    private boolean paid;
    private int batchSize;
    private int batchCount;
    private final Map<Step, Integer> attempts = new HashMap<>();
    private final Set<Step> failedSteps = new TreeSet<>(Step.PROCESS_ORDER);
    private final Set<String> submittedIntents = new HashSet<>();
    private final Set<Integer> confirmedBatches = new HashSet<>();

    protected SettlementEpoch() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RequestEpochAnchorCommand command) {
        requestAnchor(command.epoch(), command.payoutRoot(), command.eventsRoot(), command.totalUnits(),
                command.payouts());
        retry(List.of(ANCHOR, FUND));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RequestPayoutPushCommand command) {
        requestAnchor(command.epoch(), command.payoutRoot(), command.eventsRoot(), command.totalUnits(),
                command.payouts());
        if (batchSize == 0 && !paid) {
            if (command.batchSize() < 1) {
                throw new IllegalArgumentException("a batch holds at least one payout");
            }
            apply(new PayoutPushStartedEvent(epoch, command.batchSize(),
                    EpochPayoutBook.batchCount(book.size(), command.batchSize())));
        }
        retry(List.copyOf(failedSteps));
    }

    @CommandHandler
    public void handle(RecordEpochAnchoredCommand command) {
        if (anchored) {
            return;
        }
        requireCurrentIntent(ANCHOR, command.intentId());
        apply(new EpochAnchoredEvent(epoch, payoutRoot, eventsRoot, book.totalUnits(), command.intentId(),
                command.txHash(), command.blockNumber()));
        paidIfComplete();
    }

    @CommandHandler
    public void handle(RecordEpochFundedCommand command) {
        if (funded) {
            return;
        }
        requireAnchored();
        requireCurrentIntent(FUND, command.intentId());
        if (!command.amountUnits().equals(book.totalUnits())) {
            throw new LedgerRejection(RejectionCode.EPOCH_FUNDING_MISMATCH, "the distributor was funded "
                    + command.amountUnits() + ", not the epoch's total " + book.totalUnits());
        }
        boolean released = command.escrowReleasedUnits().signum() > 0;
        if (command.escrowReleasedUnits().signum() < 0 || released == (command.escrowTxHash() == null)) {
            throw new LedgerRejection(RejectionCode.EPOCH_FUNDING_MISMATCH, "an escrow release of "
                    + command.escrowReleasedUnits() + " units by transaction " + command.escrowTxHash()
                    + ": a release is positive and names its transaction, and no release names none");
        }
        apply(new EpochFundedEvent(epoch, command.mode(), command.amountUnits(), command.intentId(), command.txHash(),
                command.blockNumber(), command.escrowReleasedUnits(), command.escrowTxHash()));
    }

    @CommandHandler
    public void handle(RecordPayoutBatchSubmittedCommand command) {
        if (submittedIntents.contains(command.intentId())) {
            return;
        }
        requireBatch(command.batch());
        requireAnchored();
        if (!funded) {
            throw new LedgerRejection(RejectionCode.EPOCH_NOT_FUNDED, "epoch " + epoch + " is not funded yet");
        }
        if (command.batch() > 1 && !confirmedBatches.contains(command.batch() - 1)) {
            throw new LedgerRejection(RejectionCode.PAYOUT_BATCH_OUT_OF_ORDER,
                    "batch " + (command.batch() - 1) + " of epoch " + epoch + " is not confirmed yet");
        }
        if (confirmedBatches.contains(command.batch())) {
            throw alreadyDone(Step.batch(command.batch()));
        }
        requireCurrentIntent(Step.batch(command.batch()), command.intentId());
        List<String> accounts = book.batch(command.batch(), batchSize).stream().map(Payout::account).toList();
        apply(new PayoutBatchSubmittedEvent(epoch, command.batch(), command.intentId(), accounts));
    }

    @CommandHandler
    public void handle(RecordPayoutBatchConfirmedCommand command) {
        if (confirmedBatches.contains(command.batch())) {
            return;
        }
        requireBatch(command.batch());
        if (!submittedIntents.contains(command.intentId())) {
            throw new LedgerRejection(RejectionCode.PAYOUT_BATCH_NOT_SUBMITTED,
                    "intent " + command.intentId() + " was not submitted for batch " + command.batch());
        }
        requireCurrentIntent(Step.batch(command.batch()), command.intentId());
        List<Payout> paidNow = book.paymentsOfBatch(command.batch(), batchSize, command.paid());
        apply(new PayoutBatchConfirmedEvent(epoch, command.batch(), command.intentId(), command.txHash(),
                command.blockNumber(), paidNow));
        paidIfComplete();
    }

    @CommandHandler
    public void handle(RecordPayoutClaimedCommand command) {
        Payout payout = book.payoutClaimed(command.account(), command.amountUnits());
        if (book.isPaid(command.account())) {
            if (book.claimTxHash(command.account()).filter(command.txHash()::equalsIgnoreCase).isPresent()) {
                return;
            }
            throw EpochPayoutBook.alreadyPaid(command.account());
        }
        apply(new PayoutClaimedEvent(epoch, payout.account(), payout.amountUnits(), command.txHash(),
                command.blockNumber()));
        paidIfComplete();
    }

    @CommandHandler
    public void handle(RecordEpochStepFailedCommand command) {
        Step step = command.step();
        if (step instanceof Step.Batch batch) {
            requireBatch(batch.number());
        } else if (FUND.equals(step) && book.totalUnits().signum() == 0) {
            throw new LedgerRejection(RejectionCode.EPOCH_STEP_UNKNOWN,
                    "epoch " + epoch + " pays nothing, so it has no step " + step);
        }
        requireCurrentIntent(step, command.intentId());
        if (failedSteps.contains(step)) {
            return;
        }
        if (done(step)) {
            throw alreadyDone(step);
        }
        apply(new EpochStepFailedEvent(epoch, step, attempt(step), command.intentId(), command.outcome(),
                command.reason(), command.txHash()));
    }

    private void requestAnchor(long epoch, String payoutRoot, String eventsRoot, BigInteger totalUnits,
                               List<Payout> payouts) {
        if (epochId != null) {
            if (!this.payoutRoot.equals(payoutRoot) || !this.eventsRoot.equals(eventsRoot)) {
                throw new LedgerRejection(RejectionCode.EPOCH_REQUEST_CONFLICT,
                        "epoch " + epoch + " was requested with other roots");
            }
            return;
        }
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs are numbered from 1");
        }
        EpochPayoutBook.check(payouts, totalUnits);
        apply(new EpochAnchorRequestedEvent(epoch, payoutRoot, eventsRoot, totalUnits, List.copyOf(payouts)));
    }

    /** Retries the failed steps among {@code steps}: each gets its next attempt, under a new intent. */
    private void retry(List<Step> steps) {
        for (Step step : steps) {
            if (failedSteps.contains(step)) {
                int next = attempt(step) + 1;
                apply(new EpochStepRetriedEvent(epoch, step, next, step.intentId(epoch, next)));
            }
        }
    }

    private void paidIfComplete() {
        if (!paid && anchored && book.allPaid()) {
            apply(new EpochPaidEvent(epoch, book.size(), book.totalUnits()));
        }
    }

    private boolean done(Step step) {
        if (step instanceof Step.Batch batch) {
            return confirmedBatches.contains(batch.number());
        }
        return FUND.equals(step) ? funded : anchored;
    }

    private int attempt(Step step) {
        return attempts.getOrDefault(step, 1);
    }

    private void requireCurrentIntent(Step step, String intentId) {
        String current = step.intentId(epoch, attempt(step));
        if (!current.equals(intentId)) {
            throw new LedgerRejection(RejectionCode.EPOCH_STEP_INTENT_MISMATCH,
                    "step " + step + " of epoch " + epoch + " goes out as " + current + ", not " + intentId);
        }
    }

    private void requireBatch(int batch) {
        if (batchSize == 0) {
            throw new LedgerRejection(RejectionCode.PAYOUT_PUSH_NOT_STARTED,
                    "pushing epoch " + epoch + " has not started");
        }
        if (batch < 1 || batch > batchCount) {
            throw new LedgerRejection(RejectionCode.EPOCH_STEP_UNKNOWN,
                    "epoch " + epoch + " has batches 1 to " + batchCount + ", not " + batch);
        }
    }

    private void requireAnchored() {
        if (!anchored) {
            throw new LedgerRejection(RejectionCode.EPOCH_NOT_ANCHORED, "epoch " + epoch + " is not anchored yet");
        }
    }

    private LedgerRejection alreadyDone(Step step) {
        return new LedgerRejection(RejectionCode.EPOCH_STEP_ALREADY_DONE,
                "step " + step + " of epoch " + epoch + " is done already");
    }

    @EventSourcingHandler
    void on(EpochAnchorRequestedEvent event) {
        epochId = EpochId.of(event.epoch());
        epoch = event.epoch();
        payoutRoot = event.payoutRoot();
        eventsRoot = event.eventsRoot();
        book = new EpochPayoutBook(event.payouts(), event.totalUnits());
    }

    @EventSourcingHandler
    void on(EpochAnchoredEvent event) {
        anchored = true;
    }

    @EventSourcingHandler
    void on(EpochFundedEvent event) {
        funded = true;
    }

    @EventSourcingHandler
    void on(PayoutPushStartedEvent event) {
        batchSize = event.batchSize();
        batchCount = event.batchCount();
    }

    @EventSourcingHandler
    void on(PayoutBatchSubmittedEvent event) {
        submittedIntents.add(event.intentId());
    }

    @EventSourcingHandler
    void on(PayoutBatchConfirmedEvent event) {
        confirmedBatches.add(event.batch());
        event.paid().forEach(p -> book.markPushed(p.account()));
    }

    @EventSourcingHandler
    void on(PayoutClaimedEvent event) {
        book.markClaimed(event.account(), event.txHash());
    }

    @EventSourcingHandler
    void on(EpochPaidEvent event) {
        paid = true;
    }

    @EventSourcingHandler
    void on(EpochStepFailedEvent event) {
        failedSteps.add(event.step());
    }

    @EventSourcingHandler
    void on(EpochStepRetriedEvent event) {
        failedSteps.remove(event.step());
        attempts.put(event.step(), event.attempt());
    }
}
