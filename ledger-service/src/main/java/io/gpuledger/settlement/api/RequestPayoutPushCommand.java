package io.gpuledger.settlement.api;

import java.math.BigInteger;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts pushing a closed epoch's payouts in batches of {@code batchSize}, anchoring it first if that
 * was not asked for yet. The batch size counts only the first time; a failed step is retried.
 */
public record RequestPayoutPushCommand(long epoch, int batchSize, String payoutRoot, String eventsRoot,
                                       BigInteger totalUnits, List<Payout> payouts) {

    @TargetAggregateIdentifier
    public String epochId() {
        return EpochId.of(epoch);
    }
}
