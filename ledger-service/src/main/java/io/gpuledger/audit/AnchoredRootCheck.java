package io.gpuledger.audit;

import io.gpuledger.settlement.EpochViews;
import io.gpuledger.settlement.EpochViews.EpochView;
import io.gpuledger.settlement.onchain.AnchoredEpochs;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Compares each epoch the ledger records as anchored with the chain. Runs after the epochs' roots
 * were recomputed from the sealed events, so agreement here ties the whole history to what the chain
 * holds. Without a chain there is nothing to compare, and it passes. Epochs are counted once, by the
 * recomputation; this check adds none to {@code epochsChecked}.
 */
@Component
@Order(2)
class AnchoredRootCheck implements EpochRootCheck {

    private final EpochViews views;
    private final AnchoredEpochs anchored;

    AnchoredRootCheck(EpochViews views, AnchoredEpochs anchored) {
        this.views = views;
        this.anchored = anchored;
    }

    @Override
    public Verification verify(long eventsChecked) {
        if (!anchored.comparable()) {
            return Verification.ok(eventsChecked, 0);
        }
        long checked = 0;
        for (EpochView epoch : views.allEpochs()) {
            if (!epoch.anchored()) {
                continue;
            }
            Optional<String> difference = anchored.difference(epoch);
            if (difference.isPresent()) {
                return Verification.epochDiverges(eventsChecked, checked, epoch.epoch(), difference.get());
            }
            checked++;
        }
        return Verification.ok(eventsChecked, 0);
    }
}
