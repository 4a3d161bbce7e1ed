package io.gpuledger.audit;

import io.gpuledger.eventstore.EventSealer;
import io.gpuledger.settlement.merkle.EpochRoots;
import io.gpuledger.settlement.EpochViews;
import io.gpuledger.settlement.api.Payout;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Recomputes each closed epoch's roots from the sealed event hashes and the recorded payouts and
 * compares them with the roots the epoch recorded; epochs must also follow one another without gap.
 */
@Component
@Order(1)
class SettlementRootCheck implements EpochRootCheck {

    private final EventSealer sealer;
    private final EpochViews views;

    SettlementRootCheck(EventSealer sealer, EpochViews views) {
        this.sealer = sealer;
        this.views = views;
    }

    @Override
    public Verification verify(long eventsChecked) {
        List<EpochViews.EpochView> epochs = views.allEpochs();
        long expectedFrom = 0;
        for (EpochViews.EpochView epoch : epochs) {
            if (epoch.fromGlobalIndex() != expectedFrom) {
                return Verification.epochDiverges(eventsChecked, epoch.epoch() - 1, epoch.epoch(),
                        "the epoch starts at " + epoch.fromGlobalIndex() + ", not where the previous one ended ("
                                + expectedFrom + ")");
            }
            List<byte[]> hashes = sealer.eventHashes(epoch.fromGlobalIndex(), epoch.toGlobalIndex());
            if (hashes.size() != epoch.eventCount()) {
                return Verification.epochDiverges(eventsChecked, epoch.epoch() - 1, epoch.epoch(),
                        "the epoch recorded " + epoch.eventCount() + " events; " + hashes.size() + " are sealed in its range");
            }
            if (!EpochRoots.eventsRoot(hashes).equals(epoch.eventsRoot())) {
                return Verification.epochDiverges(eventsChecked, epoch.epoch() - 1, epoch.epoch(),
                        "the events root recomputed from the sealed events differs from the epoch's");
            }
            List<Payout> payouts = views.payouts(epoch.epoch()).stream()
                    .map(EpochViews.PayoutView::payout).toList();
            if (!EpochRoots.payoutRoot(payouts).equals(epoch.payoutRoot())) {
                return Verification.epochDiverges(eventsChecked, epoch.epoch() - 1, epoch.epoch(),
                        "the payout root recomputed from the payouts differs from the epoch's");
            }
            expectedFrom = epoch.toGlobalIndex();
        }
        return Verification.ok(eventsChecked, epochs.size());
    }
}
