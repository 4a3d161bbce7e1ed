package io.gpuledger.settlement.pool;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.settlement.api.PoolKey;
import io.gpuledger.settlement.api.PoolPosting;
import io.gpuledger.settlement.api.PostRewardPoolCommand;
import io.gpuledger.settlement.api.RewardPoolPostedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A reward pool, posted once under its id: the same body again answers the first posting, another
 * body is refused. Where it lands is the settlement's to decide: the next epoch to close reads its event.
 */
@Aggregate(cache = "aggregateCache")
public class RewardPool {

    @AggregateIdentifier
    private String poolKey;
    private RewardPoolPostedEvent posted;

    protected RewardPool() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PoolPosting handle(PostRewardPoolCommand command) {
        if (posted != null) {
            if (posted.amountUnits().equals(command.amountUnits()) && posted.basis() == command.basis()
                    && posted.weights().equals(command.weights())) {
                return new PoolPosting(true, posted);
            }
            throw new LedgerRejection(RejectionCode.POOL_CONFLICT, "poolId",
                    "poolId " + command.poolId() + " was posted before with another body");
        }
        PoolRules.check(command.amountUnits(), command.basis(), command.weights());
        RewardPoolPostedEvent event = new RewardPoolPostedEvent(command.poolId(), command.amountUnits(),
                command.basis(), command.weights());
        apply(event);
        return new PoolPosting(false, event);
    }

    @EventSourcingHandler
    void on(RewardPoolPostedEvent event) {
        poolKey = PoolKey.of(event.poolId());
        posted = event;
    }
}
