package io.gpuledger.settlement.onchain;

import io.gpuledger.chain.ChainGateway;
import io.gpuledger.chain.ChainIntent;
import io.gpuledger.settlement.EpochViews.EpochView;
import io.gpuledger.settlement.EpochViews.StepView;
import io.gpuledger.settlement.SettlementProperties;
import io.gpuledger.settlement.api.FundingMode;
import io.gpuledger.settlement.api.StepOutcome;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Funds an epoch on-chain. The funding step's own intent is {@code fundEpoch}, which moves the
 * epoch's total from the signer into the distributor for that epoch alone. Two transactions may have
 * to come first, each an intent whose id derives from the step's, so that after a crash the same
 * transactions are found rather than sent again: on a test chain whose token the ledger owns
 * ({@code funding=mint}) the signer mints the total to itself; and while the signer has not let the
 * distributor take its tokens, it approves it once, without limit, so later epochs need no approve.
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

        Optional<ChainIntent> mint = gateway.intent(mintIntentId(step.intentId()));
        if (mint.isEmpty() && properties.funding() == FundingMode.MINT) {
            mint = Optional.of(gateway.submit(mintIntentId(step.intentId()), contracts.token(), BigInteger.ZERO,
                    SettlementCalls.mint(signer, units), SettlementCalls.TOKEN_GAS));
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

    private static String mintIntentId(String stepIntentId) {
        return stepIntentId + "-mint";
    }

    private static Optional<Preparation> unfinished(ChainIntent intent, String what) {
        return switch (intent.status()) {
            case CONFIRMED -> Optional.empty();
            case REVERTED -> Optional.of(new Failed(intent, StepOutcome.REVERTED,
                    what + ": " + Objects.requireNonNullElse(intent.revertReason(), "no reason given")));
            case FAILED -> Optional.of(new Failed(intent, StepOutcome.FAILED,
                    what + ": " + Objects.requireNonNullElse(intent.failure(), "refused by the node")));
            default -> Optional.of(new Waiting());
        };
    }
}
