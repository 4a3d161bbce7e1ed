package io.gpuledger.settlement;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.settlement.api.CloseEpochCommand;
import io.gpuledger.settlement.api.EpochClosedEvent;
import io.gpuledger.settlement.api.RewardPoolsSettledEvent;
import io.gpuledger.settlement.api.SettleRewardPoolsCommand;
import io.gpuledger.settlement.api.SettlementId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The sequence of settlement epochs. It guarantees that epochs are numbered without gaps and that
 * each one starts exactly where the previous one ended, so no event is settled twice or never.
 */
@Aggregate(cache = "aggregateCache")
public class Settlement {

    @AggregateIdentifier
    private String settlementId;
    private long lastEpoch;
    private long lastCut;
    private long lastPoolsEpoch;

    protected Settlement() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CloseEpochCommand command) {
        if (command.epoch() != lastEpoch + 1 || command.fromGlobalIndex() != lastCut) {
            throw new LedgerRejection(RejectionCode.EPOCH_CLOSE_CONFLICT,
                    "epoch " + command.epoch() + " from " + command.fromGlobalIndex()
                            + " does not follow epoch " + lastEpoch + " ending at " + lastCut);
        }
        if (command.toGlobalIndex() < command.fromGlobalIndex()) {
            throw new LedgerRejection(RejectionCode.EPOCH_CLOSE_CONFLICT, "the epoch's cut precedes its start");
        }
        apply(new EpochClosedEvent(command.epoch(), command.fromGlobalIndex(), command.toGlobalIndex(),
                command.eventCount(), command.payouts(), command.totalUnits(), command.payoutRoot(),
                command.eventsRoot(), command.carried(), command.escrowAccounts(), command.escrowFundedUnits(),
                command.withheldUsage(), command.releasedUsage(), command.capacityCharges()));
    }

    /** An epoch's pools are recorded once, right after its close, in the same unit of work. */
    @CommandHandler
    public void handle(SettleRewardPoolsCommand command) {
        if (command.epoch() != lastEpoch || lastPoolsEpoch >= command.epoch()) {
            throw new LedgerRejection(RejectionCode.EPOCH_CLOSE_CONFLICT, "the pools of epoch " + command.epoch()
                    + " follow no close of it, or were recorded before (last epoch " + lastEpoch + ")");
        }
        apply(new RewardPoolsSettledEvent(command.epoch(), command.pools(), command.waiting()));
    }

    @EventSourcingHandler
    void on(RewardPoolsSettledEvent event) {
        lastPoolsEpoch = event.epoch();
    }

    @EventSourcingHandler
    void on(EpochClosedEvent event) {
        settlementId = SettlementId.VALUE;
        lastEpoch = event.epoch();
        lastCut = event.toGlobalIndex();
    }
}
