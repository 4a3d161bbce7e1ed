package io.gpuledger.settlement.onchain;

import io.gpuledger.chain.ChainUnavailable;
import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.settlement.api.EpochClosedEvent;
import io.gpuledger.settlement.api.SettlementId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Refuses to run the ledger against an anchor contract that holds epochs this ledger never closed: a
 * fresh or restored database pointed at contracts already used. Its epochs would revert as already
 * anchored, or worse, be paid from another ledger's roots. The ledger's epochs follow one another from
 * 1, so the anchor holding epoch {@code last closed + 1} is enough to tell. Checked at start, before
 * the web server, the processors and the chain worker; when the node does not answer then, the
 * settlement driver checks before its first round and drives nothing while the check fails. The
 * command-line modes, which send nothing, skip it: {@code reconcile} is how to look at such a chain.
 */
@Component
class AnchorOwnership implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AnchorOwnership.class);
    /** How far the search for the highest anchored epoch goes: 2^30 epochs. */
    private static final int MAX_DOUBLINGS = 30;

    private final SettlementChain chain;
    private final EventStoreReader events;
    private final boolean backgroundWork;
    private volatile boolean checked;
    private volatile boolean running;
    private String lastRefusal;

    AnchorOwnership(SettlementChain chain, EventStoreReader events,
                    @Value("${ledger.scheduling.enabled:true}") boolean backgroundWork) {
        this.chain = chain;
        this.events = events;
        this.backgroundWork = backgroundWork;
    }

    @Override
    public void start() {
        running = true;
        if (!backgroundWork || !chain.enabled() || chain.anchorAddress() == null) {
            checked = true;
            return;
        }
        try {
            check();
        } catch (ChainUnavailable e) {
            log.warn("Could not check which epochs the anchor contract holds, the node does not answer ({}); "
                    + "settlement waits until it has checked", e.getMessage());
        }
    }

    /**
     * True once the anchor is known to hold no epoch this ledger never closed; checks now if it could
     * not before. A refusal is logged once.
     */
    boolean verified() {
        if (checked) {
            return true;
        }
        try {
            check();
            return true;
        } catch (ForeignEpochs e) {
            if (!e.getMessage().equals(lastRefusal)) {
                log.error("Settlement stops: {}", e.getMessage());
                lastRefusal = e.getMessage();
            }
            return false;
        }
    }

    /** @throws ForeignEpochs when the anchor holds the epoch after this ledger's last close */
    void check() {
        long lastClosed = events.latest(SettlementId.VALUE, EpochClosedEvent.class).map(EpochClosedEvent::epoch)
                .orElse(0L);
        if (chain.isAnchored(lastClosed + 1)) {
            throw new ForeignEpochs(chain.anchorAddress(), chain.chainId(), lastClosed, highestAnchored(lastClosed + 1));
        }
        checked = true;
    }

    /** The highest epoch anchored from {@code anchored} on, epochs being anchored without gaps. */
    private long highestAnchored(long anchored) {
        long low = anchored;
        long step = 1;
        long high = -1;
        for (int i = 0; i < MAX_DOUBLINGS && high < 0; i++, step *= 2) {
            if (chain.isAnchored(anchored + step)) {
                low = anchored + step;
            } else {
                high = anchored + step;
            }
        }
        if (high < 0) {
            return low;
        }
        while (high - low > 1) {
            long middle = low + (high - low) / 2;
            if (chain.isAnchored(middle)) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return low;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before everything else that starts: the web server, Axon's processors, the chain worker. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    /** The anchor holds epochs the ledger never closed. */
    static final class ForeignEpochs extends IllegalStateException {

        ForeignEpochs(String anchor, long chainId, long lastClosed, long highestAnchored) {
            super("the anchor contract " + anchor + " on chain " + chainId + " holds epochs "
                    + (lastClosed + 1) + (highestAnchored > lastClosed + 1 ? " to " + highestAnchored : "")
                    + ", which this ledger never closed: "
                    + (lastClosed == 0 ? "this ledger has closed no epoch" : "this ledger has closed epochs 1 to " + lastClosed)
                    + ". A fresh or restored database is pointed at contracts that were used before. Point "
                    + "LEDGER_DB_URL at this ledger's own database, or LEDGER_ANCHOR_ADDRESS and "
                    + "LEDGER_DISTRIBUTOR_ADDRESS at contracts of its own (docs/CHAIN.md)");
        }
    }
}
