package io.gpuledger.settlement.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records the reward pools the epoch just closed paid, and those it leaves waiting; sent in the close's transaction. */
public record SettleRewardPoolsCommand(long epoch, List<SettledPool> pools, List<WaitingPool> waiting) {

    @TargetAggregateIdentifier
    public String settlementId() {
        return SettlementId.VALUE;
    }
}
