package io.gpuledger.settlement.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A batch's push is confirmed on-chain; {@code paid} is what its PayoutPaid logs say it paid. */
public record RecordPayoutBatchConfirmedCommand(long epoch, int batch, String intentId, String txHash,
                                                long blockNumber, List<Payout> paid) {

    @TargetAggregateIdentifier
    public String epochId() {
        return EpochId.of(epoch);
    }
}
