package io.gpuledger.settlement.onchain;

import io.gpuledger.audit.EpochRootCheck;
import io.gpuledger.audit.Verification;
import io.gpuledger.settlement.EpochViews;
import io.gpuledger.settlement.EpochViews.EpochView;
import io.gpuledger.settlement.SettlementProperties;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Compares each epoch the ledger records as anchored with the chain: the payout root and total in
 * the anchor contract's storage, and the events root in the epoch's EpochAnchored log. Runs after the
 * epochs' roots were recomputed from the sealed events, so agreement here ties the whole history to
 * what the chain holds. Without a chain there is nothing to compare, and it passes. Epochs are
 * counted once, by the recomputation; this check adds none to {@code epochsChecked}.
 */
@Component
@Order(2)
class AnchoredRootCheck implements EpochRootCheck {

    private final EpochViews views;
    private final SettlementChain chain;
    private final SettlementProperties properties;

    AnchoredRootCheck(EpochViews views, SettlementChain chain, SettlementProperties properties) {
        this.views = views;
        this.chain = chain;
        this.properties = properties;
    }

    @Override
    public Verification verify(long eventsChecked) {
        if (!chain.enabled()) {
            return Verification.ok(eventsChecked, 0);
        }
        long checked = 0;
        for (EpochView epoch : views.allEpochs()) {
            if (!epoch.anchored()) {
                continue;
            }
            String diverges = compare(epoch);
            if (diverges != null) {
                return Verification.epochDiverges(eventsChecked, checked, epoch.epoch(), diverges);
            }
            checked++;
        }
        return Verification.ok(eventsChecked, 0);
    }

    /** Why the epoch on-chain differs from the ledger's, or null when it does not. */
    private String compare(EpochView epoch) {
        SettlementCalls.AnchoredEpoch stored = chain.anchoredEpoch(epoch.epoch());
        if (!stored.anchored()) {
            return "the ledger records the epoch anchored in block " + epoch.anchorBlock()
                    + ", but the anchor contract holds no such epoch";
        }
        if (!stored.payoutRoot().equalsIgnoreCase(epoch.payoutRoot())) {
            return "the payout root anchored on-chain " + stored.payoutRoot() + " differs from the ledger's "
                    + epoch.payoutRoot();
        }
        if (!stored.totalUnits().equals(epoch.totalUnits())) {
            return "the total anchored on-chain " + stored.totalUnits() + " differs from the ledger's " + epoch.totalUnits();
        }
        // The log sits in the anchor's block; look wider only if a reorg moved it.
        List<SettlementCalls.EpochAnchored> logs = chain.epochAnchoredLogs(epoch.epoch(), epoch.anchorBlock(),
                epoch.anchorBlock());
        if (logs.isEmpty()) {
            logs = chain.epochAnchoredLogs(epoch.epoch(), properties.logFromBlock(), chain.head());
        }
        if (logs.isEmpty()) {
            return "no EpochAnchored log holds the epoch's events root";
        }
        String eventsRoot = logs.get(0).eventsRoot();
        if (!eventsRoot.equalsIgnoreCase(epoch.eventsRoot())) {
            return "the events root anchored on-chain " + eventsRoot + " differs from the ledger's " + epoch.eventsRoot();
        }
        return null;
    }
}
