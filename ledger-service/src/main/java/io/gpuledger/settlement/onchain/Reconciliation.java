package io.gpuledger.settlement.onchain;

import static io.gpuledger.settlement.onchain.Difference.Kind.DOUBLED;
import static io.gpuledger.settlement.onchain.Difference.Kind.MISMATCH;
import static io.gpuledger.settlement.onchain.Difference.Kind.MISSING;
import static io.gpuledger.settlement.onchain.Difference.Kind.STUCK;
import static io.gpuledger.settlement.onchain.Difference.Kind.UNEXPLAINED;

import io.gpuledger.chain.ChainGateway;
import io.gpuledger.chain.ChainIntent;
import io.gpuledger.settlement.EpochViews;
import io.gpuledger.settlement.EpochViews.EpochView;
import io.gpuledger.settlement.EpochViews.PayoutView;
import io.gpuledger.settlement.EpochViews.StepView;
import io.gpuledger.settlement.SettlementProperties;
import io.gpuledger.settlement.api.Step;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Compares the ledger's epochs and payouts with the chain and names every difference: anchored roots
 * and totals (contract storage and EpochAnchored logs), every PayoutPaid log against the payouts the
 * ledger records as paid, isPaid for payouts still owed, the tokens that left the distributor, and
 * the epochs' steps that are stuck, and the prepaid escrow's Released logs against the epochs'
 * funding releases. It reads the chain from {@code log-from-block} to the head, and
 * changes nothing.
 */
@Component
public class Reconciliation {

    private final EpochViews views;
    private final SettlementChain chain;
    private final ChainGateway gateway;
    private final ClaimWatcher claims;
    private final SettlementProperties properties;
    private final EpochFunding funding;
    private final Clock clock = Clock.systemUTC();

    Reconciliation(EpochViews views, SettlementChain chain, ChainGateway gateway, ClaimWatcher claims,
                   SettlementProperties properties, EpochFunding funding) {
        this.funding = funding;
        this.views = views;
        this.chain = chain;
        this.gateway = gateway;
        this.claims = claims;
        this.properties = properties;
    }

    /** @throws io.gpuledger.common.LedgerRejection CHAIN_NOT_CONFIGURED or CHAIN_UNAVAILABLE */
    public ReconciliationReport run() {
        SettlementChain.Addresses contracts = chain.addresses();
        long head = chain.head();
        long from = properties.logFromBlock();
        Map<Long, List<SettlementCalls.EpochAnchored>> anchors = new HashMap<>();
        chain.epochAnchoredLogs(null, from, head).forEach(a -> anchors.computeIfAbsent(a.epoch(), e -> new ArrayList<>()).add(a));
        Map<String, List<SettlementCalls.PayoutPaid>> payments = new HashMap<>();
        BigInteger chainPaid = BigInteger.ZERO;
        for (SettlementCalls.PayoutPaid paid : chain.payoutPaidLogs(from, head)) {
            payments.computeIfAbsent(key(paid.epoch(), paid.account()), k -> new ArrayList<>()).add(paid);
            chainPaid = chainPaid.add(paid.amountUnits());
        }
        BigInteger tokensOut = chain.transfersFrom(contracts.distributor(), from, head).stream()
                .map(SettlementCalls.Transfer::units).reduce(BigInteger.ZERO, BigInteger::add);

        List<Difference> differences = new ArrayList<>();
        BigInteger ledgerPaid = BigInteger.ZERO;
        int payoutsChecked = 0;
        Set<Long> known = new HashSet<>();
        Long claimCursor = claims.nextBlock();
        List<EpochView> epochs = views.allEpochs();
        for (EpochView epoch : epochs) {
            known.add(epoch.epoch());
            checkAnchor(epoch, anchors.getOrDefault(epoch.epoch(), List.of()), differences);
            for (PayoutView payout : views.payouts(epoch.epoch())) {
                payoutsChecked++;
                List<SettlementCalls.PayoutPaid> paid = payments.remove(key(epoch.epoch(), payout.account()));
                if (isPaid(payout)) {
                    ledgerPaid = ledgerPaid.add(payout.amountUnits());
                }
                checkPayout(epoch, payout, paid == null ? List.of() : paid, claimCursor, differences);
            }
            checkSteps(epoch, differences);
        }
        // What is left was paid on-chain to no payout of the ledger's.
        payments.values().stream().flatMap(List::stream).forEach(paid -> differences.add(new Difference(UNEXPLAINED,
                paid.epoch(), paid.account(), paid.amountUnits().toString(), paid.txHash(),
                "the distributor paid an account that is not a payout of the ledger's epoch " + paid.epoch())));
        anchors.forEach((epoch, logs) -> {
            if (!known.contains(epoch)) {
                logs.forEach(a -> differences.add(new Difference(UNEXPLAINED, epoch, null, a.totalUnits().toString(),
                        a.txHash(), "the chain anchored an epoch that the ledger never closed")));
            }
        });
        checkEscrow(epochs, from, head, differences);
        if (!tokensOut.equals(chainPaid)) {
            differences.add(Difference.of(UNEXPLAINED, null, "tokens out of the distributor (" + tokensOut
                    + ") differ from what its PayoutPaid logs account for (" + chainPaid + ")"));
        }
        // What the distributor holds is what the ledger funded it with, less what left it.
        BigInteger funded = epochs.stream().filter(this::funded).map(EpochView::totalUnits)
                .reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger balance = chain.balanceOf(contracts.distributor());
        BigInteger expected = funded.subtract(tokensOut);
        if (balance.compareTo(expected) != 0) {
            differences.add(Difference.of(balance.compareTo(expected) > 0 ? UNEXPLAINED : MISSING, null,
                    "the distributor holds " + balance + "; the ledger funded it with " + funded + " and " + tokensOut
                            + " left it, which leaves " + expected));
        }
        return new ReconciliationReport(differences.isEmpty(), clock.instant(), chain.chainId(), head, epochs.size(),
                payoutsChecked, ledgerPaid.toString(), chainPaid.toString(), tokensOut.toString(), funded.toString(),
                balance.toString(), differences);
    }

    private void checkAnchor(EpochView epoch, List<SettlementCalls.EpochAnchored> logs, List<Difference> differences) {
        long number = epoch.epoch();
        if (!epoch.anchored()) {
            for (SettlementCalls.EpochAnchored log : logs) {
                if (!log.txHash().equalsIgnoreCase(inFlightTxHash(number).orElse(""))) {
                    differences.add(new Difference(UNEXPLAINED, number, null, log.totalUnits().toString(), log.txHash(),
                            "the epoch is anchored on-chain but the ledger did not record an anchor"));
                }
            }
            return;
        }
        SettlementCalls.AnchoredEpoch stored = chain.anchoredEpoch(number);
        if (!stored.anchored()) {
            differences.add(new Difference(MISSING, number, null, epoch.totalUnits().toString(), epoch.anchorTxHash(),
                    "the ledger recorded the anchor in block " + epoch.anchorBlock() + "; the chain has no anchor for the epoch"));
            return;
        }
        if (!stored.payoutRoot().equalsIgnoreCase(epoch.payoutRoot())) {
            differences.add(Difference.of(MISMATCH, number, "payout root on-chain " + stored.payoutRoot()
                    + ", in the ledger " + epoch.payoutRoot()));
        }
        if (!stored.totalUnits().equals(epoch.totalUnits())) {
            differences.add(Difference.of(MISMATCH, number, "total on-chain " + stored.totalUnits()
                    + ", in the ledger " + epoch.totalUnits()));
        }
        if (logs.size() > 1) {
            differences.add(Difference.of(DOUBLED, number, logs.size() + " EpochAnchored logs for one epoch"));
        }
        logs.stream().filter(log -> !log.eventsRoot().equalsIgnoreCase(epoch.eventsRoot())).forEach(log -> differences.add(
                new Difference(MISMATCH, number, null, null, log.txHash(), "events root on-chain " + log.eventsRoot()
                        + ", in the ledger " + epoch.eventsRoot())));
        if (logs.isEmpty()) {
            differences.add(Difference.of(MISSING, number, "no EpochAnchored log holds the epoch's events root"));
        }
        BigInteger paidOnChain = chain.paidUnits(number);
        if (paidOnChain.compareTo(epoch.totalUnits()) > 0) {
            differences.add(Difference.of(DOUBLED, number, "the distributor paid " + paidOnChain
                    + " for the epoch, more than its total " + epoch.totalUnits()));
        }
    }

    private void checkPayout(EpochView epoch, PayoutView payout, List<SettlementCalls.PayoutPaid> paid,
                             Long claimCursor, List<Difference> differences) {
        long number = epoch.epoch();
        String amount = payout.amountUnits().toString();
        if (paid.size() > 1) {
            differences.add(new Difference(DOUBLED, number, payout.account(), amount, paid.get(1).txHash(),
                    paid.size() + " PayoutPaid logs for one payout"));
        }
        for (SettlementCalls.PayoutPaid log : paid) {
            if (!log.amountUnits().equals(payout.amountUnits())) {
                differences.add(new Difference(MISMATCH, number, payout.account(), log.amountUnits().toString(),
                        log.txHash(), "the chain paid " + log.amountUnits() + ", the ledger owes " + amount));
            }
        }
        if (isPaid(payout)) {
            if (paid.isEmpty()) {
                differences.add(new Difference(MISSING, number, payout.account(), amount, payout.txHash(),
                        "the ledger records it " + payout.status() + "; the chain has no PayoutPaid log for it"));
            } else if (paid.stream().noneMatch(log -> log.txHash().equalsIgnoreCase(payout.txHash()))) {
                differences.add(new Difference(MISMATCH, number, payout.account(), amount, paid.get(0).txHash(),
                        "paid on-chain by another transaction than the ledger's " + payout.txHash()));
            }
            return;
        }
        if (!paid.isEmpty()) {
            SettlementCalls.PayoutPaid log = paid.get(0);
            boolean pushedByUs = log.pushed() && "SUBMITTED".equals(payout.status());
            boolean claimNotReadYet = !log.pushed() && (claimCursor == null || log.blockNumber() >= claimCursor);
            if (!pushedByUs && !claimNotReadYet) {
                differences.add(new Difference(UNEXPLAINED, number, payout.account(), log.amountUnits().toString(),
                        log.txHash(), (log.pushed() ? "pushed" : "claimed") + " on-chain, but the ledger "
                        + (log.pushed() ? "submitted no push of it" : "did not record the claim")));
            }
        } else if (epoch.anchored() && chain.isPaid(number, payout.account())) {
            differences.add(new Difference(MISSING, number, payout.account(), amount, null,
                    "never paid, yet the distributor counts it as paid: a push passed its address, so it can "
                            + "no longer be pushed or claimed"));
        }
    }

    /**
     * Every Released log of the escrow is one of the ledger's funding releases (recorded, or mined and
     * not recorded yet), and every release an epoch's funding recorded is on-chain, of its amount.
     */
    private void checkEscrow(List<EpochView> epochs, long from, long head, List<Difference> differences) {
        if (chain.escrow() == null) {
            return;
        }
        Map<String, SettlementCalls.Released> released = new HashMap<>();
        chain.releasedLogs(from, head).forEach(log -> released.put(log.txHash().toLowerCase(Locale.ROOT), log));
        for (EpochView epoch : epochs) {
            if (epoch.escrowReleasedUnits() != null && epoch.escrowReleasedUnits().signum() > 0) {
                SettlementCalls.Released log = released.remove(epoch.escrowTxHash().toLowerCase(Locale.ROOT));
                if (log == null) {
                    differences.add(new Difference(MISSING, epoch.epoch(), null, epoch.escrowReleasedUnits().toString(),
                            epoch.escrowTxHash(), "the ledger recorded an escrow release; the escrow has no Released log of it"));
                } else if (!log.units().equals(epoch.escrowReleasedUnits())) {
                    differences.add(new Difference(MISMATCH, epoch.epoch(), log.to(), log.units().toString(), log.txHash(),
                            "the escrow released " + log.units() + ", the ledger recorded " + epoch.escrowReleasedUnits()));
                }
            } else if (epoch.escrowFundedUnits().signum() > 0 && epoch.fundedAt() != null) {
                differences.add(new Difference(MISSING, epoch.epoch(), null, epoch.escrowFundedUnits().toString(), null,
                        "the epoch's close assigned these units to the escrow; its funding released nothing from it"));
            } else if (epoch.escrowFundedUnits().signum() > 0) {
                // Released and mined, the funding not recorded yet: in flight, not a difference.
                views.step(epoch.epoch(), Step.FUND).flatMap(step -> funding.escrowRelease(epoch.epoch(), step.attempt()))
                        .map(ChainIntent::txHash).filter(java.util.Objects::nonNull)
                        .ifPresent(txHash -> released.remove(txHash.toLowerCase(Locale.ROOT)));
            }
        }
        released.values().forEach(log -> differences.add(new Difference(UNEXPLAINED, null, log.to(),
                log.units().toString(), log.txHash(), "the escrow released tokens in a transaction that is no "
                + "epoch's funding")));
    }

    /** Funded as the ledger records it, or by a funding transaction mined and not recorded yet. */
    private boolean funded(EpochView epoch) {
        if (epoch.fundedAt() != null) {
            return true;
        }
        return views.step(epoch.epoch(), Step.FUND).flatMap(step -> gateway.intent(step.intentId()))
                .filter(intent -> Boolean.TRUE.equals(intent.receiptOk()) && intent.txHash() != null).isPresent();
    }

    /** Failed steps wait for an operator; an intent unfinished for longer than stuck-after needs a look. */
    private void checkSteps(EpochView epoch, List<Difference> differences) {
        if (epoch.paid() || epoch.anchorRequestedAt() == null) {
            return;
        }
        Instant stuckBefore = clock.instant().minus(properties.stuckAfter());
        List<StepView> steps = views.steps(epoch.epoch());
        Step next = nextStep(epoch, steps);
        for (StepView step : steps) {
            if ("FAILED".equals(step.status())) {
                differences.add(new Difference(STUCK, epoch.epoch(), null, null, null, "step " + step.step()
                        + " failed (" + step.failure() + ") and waits for an operator to retry it"));
                continue;
            }
            if ("CONFIRMED".equals(step.status())) {
                continue;
            }
            Optional<ChainIntent> intent = gateway.intent(step.intentId());
            if (intent.isPresent() && !intent.get().status().isFinal() && intent.get().createdAt().isBefore(stuckBefore)) {
                differences.add(new Difference(STUCK, epoch.epoch(), null, null, intent.get().txHash(), "intent "
                        + step.intentId() + " is " + intent.get().status() + " since " + intent.get().createdAt()));
            } else if (intent.isEmpty() && step.step().equals(next) && step.updatedAt().isBefore(stuckBefore)) {
                differences.add(Difference.of(STUCK, epoch.epoch(), "step " + step.step() + " is due since "
                        + step.updatedAt() + " and no transaction went out for it; the driver's log says why"));
            }
        }
    }

    /** The step the driver sends next: the anchor, the funding, or the first batch not confirmed. */
    private static Step nextStep(EpochView epoch, List<StepView> steps) {
        if (!epoch.anchored()) {
            return Step.ANCHOR;
        }
        if (epoch.totalUnits().signum() > 0 && epoch.fundedAt() == null) {
            return Step.FUND;
        }
        return steps.stream().filter(s -> s.step() instanceof Step.Batch && !"CONFIRMED".equals(s.status()))
                .map(StepView::step).findFirst().orElse(null);
    }

    /** The anchor transaction the ledger has out for the epoch, mined but not yet recorded. */
    private Optional<String> inFlightTxHash(long epoch) {
        return views.step(epoch, Step.ANCHOR).flatMap(step -> gateway.intent(step.intentId())).map(ChainIntent::txHash);
    }

    private static boolean isPaid(PayoutView payout) {
        return "CONFIRMED".equals(payout.status()) || "CLAIMED".equals(payout.status());
    }

    private static String key(long epoch, String account) {
        return epoch + "/" + account.toLowerCase(Locale.ROOT);
    }
}
