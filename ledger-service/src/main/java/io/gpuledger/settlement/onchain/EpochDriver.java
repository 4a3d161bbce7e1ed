package io.gpuledger.settlement.onchain;

import static io.gpuledger.settlement.api.Step.ANCHOR;
import static io.gpuledger.settlement.api.Step.FUND;

import io.gpuledger.chain.ChainGateway;
import io.gpuledger.chain.ChainIntent;
import io.gpuledger.chain.ChainUnavailable;
import io.gpuledger.chain.ChainWorker;
import io.gpuledger.platform.ClusterSingleton;
import io.gpuledger.platform.ClusterSingletons;
import io.gpuledger.platform.LedgerTransactions;
import io.gpuledger.settlement.EpochViews;
import io.gpuledger.settlement.EpochViews.EpochView;
import io.gpuledger.settlement.EpochViews.StepView;
import io.gpuledger.settlement.api.Payout;
import io.gpuledger.settlement.api.RecordEpochAnchoredCommand;
import io.gpuledger.settlement.api.RecordEpochFundedCommand;
import io.gpuledger.settlement.api.RecordEpochStepFailedCommand;
import io.gpuledger.settlement.api.RecordPayoutBatchConfirmedCommand;
import io.gpuledger.settlement.api.RecordPayoutBatchSubmittedCommand;
import io.gpuledger.settlement.api.Step;
import io.gpuledger.settlement.api.StepOutcome;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Advances every epoch an operator started (on one instance at a time: the one running the chain
 * worker, {@link ChainWorker#SINGLETON}), one step per round, from what is stored alone: the
 * settlement views say which step is next, the gateway's intent (named by the step, see
 * {@link Step#intentId}) says where its transaction stands. A step's intent is submitted if it
 * does not exist yet, and once it is final its outcome is recorded on the epoch's aggregate. Steps go
 * one at a time per epoch: anchor, fund, then each batch after the previous one is confirmed, so a
 * batch can never land before an earlier one (which would move the distributor's push cursor past
 * accounts still unpaid). After a crash anywhere the next round finds the same intents and goes on.
 */
@Component
class EpochDriver {

    private static final Logger log = LoggerFactory.getLogger(EpochDriver.class);

    private final EpochViews views;
    private final SettlementChain chain;
    private final ChainGateway gateway;
    private final CommandGateway commands;
    private final LedgerTransactions transactions;
    private final ClaimWatcher claims;
    private final EpochFunding funding;
    private final AnchorOwnership ownership;
    private final ClusterSingleton singleton;
    private final Map<Long, String> lastProblem = new HashMap<>();
    private boolean nodeDown;

    EpochDriver(EpochViews views, SettlementChain chain, ChainGateway gateway, CommandGateway commands,
                LedgerTransactions transactions, ClaimWatcher claims, EpochFunding funding,
                AnchorOwnership ownership, ClusterSingletons singletons) {
        this.singleton = singletons.named(ChainWorker.SINGLETON);
        this.views = views;
        this.chain = chain;
        this.gateway = gateway;
        this.commands = commands;
        this.transactions = transactions;
        this.claims = claims;
        this.funding = funding;
        this.ownership = ownership;
    }

    /** One round over the unfinished epochs, then the claims. Spring never overlaps two rounds. */
    @Scheduled(fixedDelayString = "${ledger.settlement.driver-interval:PT2S}",
            initialDelayString = "${ledger.settlement.driver-interval:PT2S}")
    void round() {
        if (!chain.enabled() || !singleton.leads()) {
            return;
        }
        try {
            if (!ownership.verified()) {
                return; // the anchor holds epochs this ledger never closed; logged once
            }
            for (EpochView epoch : views.unfinished()) {
                advanceLogged(epoch);
            }
            claims.poll();
            if (nodeDown) {
                log.info("The settlement driver reaches the chain again");
                nodeDown = false;
            }
        } catch (ChainUnavailable e) {
            if (!nodeDown) {
                log.warn("The settlement driver waits for the chain: {}", e.getMessage());
                nodeDown = true;
            }
        }
    }

    private void advanceLogged(EpochView epoch) {
        try {
            advance(epoch);
            lastProblem.remove(epoch.epoch());
        } catch (ChainUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            // The same trouble every round (a rejected outcome, a missing setting) is logged once.
            String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!problem.equals(lastProblem.put(epoch.epoch(), problem))) {
                log.error("Epoch {} cannot advance: {}", epoch.epoch(), problem);
            }
        }
    }

    private void advance(EpochView epoch) {
        if (!epoch.anchored()) {
            views.step(epoch.epoch(), ANCHOR).ifPresent(step -> drive(epoch, step));
        } else if (epoch.totalUnits().signum() > 0 && epoch.fundedAt() == null) {
            views.step(epoch.epoch(), FUND).ifPresent(step -> drive(epoch, step));
        } else if (epoch.pushBatchSize() != null) {
            views.steps(epoch.epoch()).stream()
                    .filter(step -> step.step() instanceof Step.Batch && !"CONFIRMED".equals(step.status()))
                    .findFirst()
                    .ifPresent(step -> drive(epoch, step));
        }
    }

    private void drive(EpochView epoch, StepView step) {
        if ("FAILED".equals(step.status())) {
            return; // waits for an operator to retry it (docs/ARCHITECTURE.md)
        }
        Optional<ChainIntent> sent = gateway.intent(step.intentId()).or(() -> submit(epoch, step));
        if (sent.isEmpty()) {
            return; // a transaction the step needs first failed, or is under way
        }
        ChainIntent intent = sent.get();
        if (step.step() instanceof Step.Batch batch && "OPEN".equals(step.status())) {
            send(new RecordPayoutBatchSubmittedCommand(epoch.epoch(), batch.number(), step.intentId()));
        }
        switch (intent.status()) {
            case CONFIRMED -> confirmed(epoch, step, intent);
            case REVERTED -> send(new RecordEpochStepFailedCommand(epoch.epoch(), step.step(), intent.intentId(),
                    StepOutcome.REVERTED, ContractErrors.reasonOf(intent), intent.txHash()));
            case FAILED -> send(new RecordEpochStepFailedCommand(epoch.epoch(), step.step(), intent.intentId(),
                    StepOutcome.FAILED, Objects.requireNonNullElse(intent.failure(), "refused by the node"), null));
            default -> {
                // The gateway's worker is seeing it through; the next round looks again.
            }
        }
    }

    /**
     * Sends the step's transaction. Its id names it, so a second submission returns the first. Empty
     * while a transaction that funding needs first is under way, or once it failed (recorded here).
     */
    private Optional<ChainIntent> submit(EpochView epoch, StepView step) {
        SettlementChain.Addresses contracts = chain.addresses();
        if (ANCHOR.equals(step.step())) {
            return Optional.of(gateway.submit(step.intentId(), contracts.anchor(), BigInteger.ZERO,
                    SettlementCalls.anchorEpoch(epoch.epoch(), epoch.payoutRoot(), epoch.eventsRoot(),
                            epoch.totalUnits()), SettlementCalls.ANCHOR_GAS));
        }
        if (FUND.equals(step.step())) {
            EpochFunding.Preparation preparation = funding.prepare(epoch, step);
            if (preparation instanceof EpochFunding.Failed failed) {
                send(new RecordEpochStepFailedCommand(epoch.epoch(), step.step(), step.intentId(), failed.outcome(),
                        failed.reason(), failed.intent().txHash()));
            }
            return preparation instanceof EpochFunding.Submitted submitted
                    ? Optional.of(submitted.intent()) : Optional.empty();
        }
        int number = ((Step.Batch) step.step()).number(); // the only step left
        List<Payout> batch = batchPayouts(epoch.epoch(), number);
        return Optional.of(gateway.submit(step.intentId(), contracts.distributor(), BigInteger.ZERO,
                SettlementCalls.pushPayouts(epoch.epoch(), batch), SettlementCalls.pushGas(batch.size())));
    }

    private void confirmed(EpochView epoch, StepView step, ChainIntent intent) {
        if (ANCHOR.equals(step.step())) {
            send(new RecordEpochAnchoredCommand(epoch.epoch(), intent.intentId(), intent.txHash(), intent.blockNumber()));
        } else if (FUND.equals(step.step())) {
            Optional<ChainIntent> release = funding.confirmedEscrowRelease(epoch.epoch(), step.attempt());
            send(new RecordEpochFundedCommand(epoch.epoch(), intent.intentId(), funding.modeOf(intent.intentId()),
                    SettlementCalls.fundedUnitsOf(intent.data()), intent.txHash(), intent.blockNumber(),
                    release.map(r -> SettlementCalls.releasedUnitsOf(r.data())).orElse(BigInteger.ZERO),
                    release.map(ChainIntent::txHash).orElse(null)));
        } else if (step.step() instanceof Step.Batch batch) {
            Optional<List<SettlementCalls.PayoutPaid>> logs = chain.payoutsOf(intent.txHash());
            if (logs.isEmpty()) {
                return; // the node has no receipt right now; it is confirmed, so the next round finds it
            }
            List<Payout> paid = logs.get().stream()
                    .filter(p -> p.pushed() && p.epoch() == epoch.epoch())
                    .map(p -> new Payout(p.account(), p.amountUnits()))
                    .toList();
            send(new RecordPayoutBatchConfirmedCommand(epoch.epoch(), batch.number(),
                    intent.intentId(), intent.txHash(), intent.blockNumber(), paid));
        }
    }

    /** The batch's payouts as the aggregate cut them: ascending address, the recorded batch size. */
    private List<Payout> batchPayouts(long epoch, int batch) {
        List<Payout> payouts = views.payoutsAscending(epoch).stream()
                .filter(p -> p.batch() != null && p.batch() == batch)
                .map(EpochViews.PayoutView::payout)
                .toList();
        if (payouts.isEmpty()) {
            throw new IllegalStateException("batch " + batch + " of epoch " + epoch + " has no payouts in the view");
        }
        return payouts;
    }

    private void send(Object command) {
        transactions.inTransaction(() -> commands.sendAndWait(command));
    }
}
