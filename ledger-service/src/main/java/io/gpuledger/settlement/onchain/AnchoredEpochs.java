package io.gpuledger.settlement.onchain;

import io.gpuledger.settlement.EpochViews.EpochView;
import io.gpuledger.settlement.SettlementProperties;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the chain holds of an epoch the ledger records as anchored: the payout root and total in the
 * anchor contract's storage, and the events root in the epoch's EpochAnchored log.
 */
@Component
public class AnchoredEpochs {

    private final SettlementChain chain;
    private final SettlementProperties properties;

    AnchoredEpochs(SettlementChain chain, SettlementProperties properties) {
        this.chain = chain;
        this.properties = properties;
    }

    /** Without a chain there is nothing to compare with. */
    public boolean comparable() {
        return chain.enabled();
    }

    /** Why the epoch on-chain differs from the ledger's, if it does. */
    public Optional<String> difference(EpochView epoch) {
        SettlementCalls.AnchoredEpoch stored = chain.anchoredEpoch(epoch.epoch());
        if (!stored.anchored()) {
            return Optional.of("the ledger records the epoch anchored in block " + epoch.anchorBlock()
                    + ", but the anchor contract holds no such epoch");
        }
        if (!stored.payoutRoot().equalsIgnoreCase(epoch.payoutRoot())) {
            return Optional.of("the payout root anchored on-chain " + stored.payoutRoot()
                    + " differs from the ledger's " + epoch.payoutRoot());
        }
        if (!stored.totalUnits().equals(epoch.totalUnits())) {
            return Optional.of("the total anchored on-chain " + stored.totalUnits() + " differs from the ledger's "
                    + epoch.totalUnits());
        }
        // The log sits in the anchor's block; look wider only if a reorg moved it.
        List<SettlementCalls.EpochAnchored> logs = chain.epochAnchoredLogs(epoch.epoch(), epoch.anchorBlock(),
                epoch.anchorBlock());
        if (logs.isEmpty()) {
            logs = chain.epochAnchoredLogs(epoch.epoch(), properties.logFromBlock(), chain.head());
        }
        if (logs.isEmpty()) {
            return Optional.of("no EpochAnchored log holds the epoch's events root");
        }
        String eventsRoot = logs.get(0).eventsRoot();
        if (!eventsRoot.equalsIgnoreCase(epoch.eventsRoot())) {
            return Optional.of("the events root anchored on-chain " + eventsRoot + " differs from the ledger's "
                    + epoch.eventsRoot());
        }
        return Optional.empty();
    }
}
