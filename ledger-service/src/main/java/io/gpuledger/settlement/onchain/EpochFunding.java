package io.gpuledger.settlement.onchain;

import io.gpuledger.chain.ChainGateway;
import io.gpuledger.chain.ChainIntent;
import io.gpuledger.chain.IntentStatus;
import io.gpuledger.settlement.EpochViews.EpochView;
import io.gpuledger.settlement.EpochViews.StepView;
import io.gpuledger.settlement.SettlementProperties;
import io.gpuledger.settlement.api.FundingMode;
import io.gpuledger.settlement.api.Step;
import io.gpuledger.settlement.api.StepOutcome;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Funds an epoch on-chain. The funding step's own intent is {@code fundEpoch}, which moves the
 * epoch's total from the signer into the distributor for that epoch alone. Up to three transactions may
 * have to come first, each an intent whose id derives from the step's, so that after a crash the same
 * transactions are found rather than sent again: when the epoch's close assigned units to the prepaid
 * escrow and an escrow is configured, the escrow releases them to the signer ({@code -escrow}); on a
 * test chain whose token the ledger owns ({@code funding=mint}) the signer mints the rest of the total
 * to itself ({@code -mint}); and while the signer has not let the distributor take its tokens, it
 * approves it once, without limit ({@code -approve}), so later epochs need no approve.
 */
@Component
class EpochFunding {

    /** Where the transactions before {@code fundEpoch} stand. */
    sealed interface Preparation {
    }

    /** {@code fundEpoch} is submitted. */
    record Submitted(ChainIntent intent) implements Preparation {
    }

    /** A transaction before it is under way; the next round looks again. */
    record Waiting() implements Preparation {
    }

    /** A transaction before it failed for good; the step fails with its outcome. */
    record Failed(ChainIntent intent, StepOutcome outcome, String reason) implements Preparation {
    }

    private final SettlementChain chain;
    private final ChainGateway gateway;
    private final SettlementProperties properties;

    EpochFunding(SettlementChain chain, ChainGateway gateway, SettlementProperties properties) {
        this.chain = chain;
        this.gateway = gateway;
        this.properties = properties;
    }

    /** Submits the step's {@code fundEpoch} once what it needs is confirmed, else what it needs. */
    Preparation prepare(EpochView epoch, StepView step) {
        BigInteger units = epoch.totalUnits();
        SettlementChain.Addresses contracts = chain.addresses();
        String signer = chain.signer();

        BigInteger released = BigInteger.ZERO;
        if (epoch.escrowFundedUnits().signum() > 0 && chain.escrow() != null) {
            Optional<ChainIntent> release = escrowRelease(epoch.epoch(), step.attempt());
            if (release.isEmpty()) {
                // The first release of the step, or the next after one that reverted: never a second.
                release = Optional.of(gateway.submit(escrowIntentId(step.intentId()), chain.escrow(), BigInteger.ZERO,
                        SettlementCalls.release(signer, epoch.escrowFundedUnits()), SettlementCalls.TOKEN_GAS));
            }
            Optional<Preparation> pending = release.flatMap(intent -> unfinished(intent, "escrow release"));
            if (pending.isPresent()) {
                return pending.get();
            }
            released = SettlementCalls.releasedUnitsOf(release.get().data());
        }

        Optional<ChainIntent> mint = gateway.intent(mintIntentId(step.intentId()));
        BigInteger shortfall = units.subtract(released);
        if (mint.isEmpty() && properties.funding() == FundingMode.MINT && shortfall.signum() > 0) {
            // The escrow's release is the signer's already; only the postpaid rest is minted.
            mint = Optional.of(gateway.submit(mintIntentId(step.intentId()), contracts.token(), BigInteger.ZERO,
                    SettlementCalls.mint(signer, shortfall), SettlementCalls.TOKEN_GAS));
        }
        Optional<Preparation> pending = mint.flatMap(intent -> unfinished(intent, "mint"));
        if (pending.isPresent()) {
            return pending.get();
        }

        String approveId = step.intentId() + "-approve";
        Optional<ChainIntent> approve = gateway.intent(approveId);
        if (approve.isEmpty() && chain.allowance(signer, contracts.distributor()).compareTo(units) < 0) {
            approve = Optional.of(gateway.submit(approveId, contracts.token(), BigInteger.ZERO,
                    SettlementCalls.approveUnlimited(contracts.distributor()), SettlementCalls.TOKEN_GAS));
        }
        pending = approve.flatMap(intent -> unfinished(intent, "approve"));
        if (pending.isPresent()) {
            return pending.get();
        }

        return new Submitted(gateway.submit(step.intentId(), contracts.distributor(), BigInteger.ZERO,
                SettlementCalls.fundEpoch(epoch.epoch(), units), SettlementCalls.FUND_GAS));
    }

    /** How a funding step funded: by minting if it sent a mint first, whatever the setting is now. */
    FundingMode modeOf(String stepIntentId) {
        return gateway.intent(mintIntentId(stepIntentId)).isPresent() ? FundingMode.MINT : FundingMode.TRANSFER;
    }

    /**
     * The escrow release of the step's attempt, or the confirmed one of an earlier attempt: a step fails
     * after its release is confirmed when its fundEpoch reverts, and its retry must not release again.
     * Earlier attempts' releases are final by then (a step fails only on a final intent). Empty when
     * none was sent for this attempt and none of an earlier one was confirmed.
     */
    Optional<ChainIntent> escrowRelease(long epoch, int attempt) {
        for (int earlier = 1; earlier < attempt; earlier++) {
            Optional<ChainIntent> release = gateway.intent(escrowIntentId(Step.FUND.intentId(epoch, earlier)));
            if (release.filter(intent -> intent.status() == IntentStatus.CONFIRMED).isPresent()) {
                return release;
            }
        }
        return gateway.intent(escrowIntentId(Step.FUND.intentId(epoch, attempt)));
    }

    /** The escrow release a funding step's attempt sent, confirmed, if any. */
    Optional<ChainIntent> confirmedEscrowRelease(long epoch, int attempt) {
        return escrowRelease(epoch, attempt).filter(intent -> intent.status() == IntentStatus.CONFIRMED);
    }

    /** {@code fund-epoch-7-escrow}, {@code fund-epoch-7-attempt-2-escrow}. */
    static String escrowIntentId(String stepIntentId) {
        return stepIntentId + "-escrow";
    }

    private static String mintIntentId(String stepIntentId) {
        return stepIntentId + "-mint";
    }

    private static Optional<Preparation> unfinished(ChainIntent intent, String what) {
        return switch (intent.status()) {
            case CONFIRMED -> Optional.empty();
            case REVERTED -> Optional.of(new Failed(intent, StepOutcome.REVERTED,
                    what + ": " + ContractErrors.reasonOf(intent)));
            case FAILED -> Optional.of(new Failed(intent, StepOutcome.FAILED,
                    what + ": " + Objects.requireNonNullElse(intent.failure(), "refused by the node")));
            default -> Optional.of(new Waiting());
        };
    }
}
