package io.gpuledger.settlement.api;

import java.math.BigInteger;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Starts putting a closed epoch on-chain: anchor its roots, then fund the distributor. Retries a failed step. */
public record RequestEpochAnchorCommand(long epoch, String payoutRoot, String eventsRoot, BigInteger totalUnits,
                                        List<Payout> payouts) {

    @TargetAggregateIdentifier
    public String epochId() {
        return EpochId.of(epoch);
    }
}
