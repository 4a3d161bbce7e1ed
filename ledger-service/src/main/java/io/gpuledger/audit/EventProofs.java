package io.gpuledger.audit;

import io.gpuledger.auth.Caller;
import io.gpuledger.auth.Role;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.eventstore.EventHashes;
import io.gpuledger.eventstore.EventPosition;
import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.settlement.merkle.EpochRoots;
import io.gpuledger.settlement.SettledEpochs;
import io.gpuledger.settlement.SettledEpochs.SettledEpoch;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.web3j.utils.Numeric;

/**
 * Proves that an event is part of a settled epoch: its canonical hash is a leaf of the epoch's
 * events root, which is anchored on-chain. The proof is rebuilt from the event store itself.
 */
@Component
class EventProofs {

    private final EventStoreReader events;
    private final SettledEpochs epochs;
    private final LeaseHistory history;

    EventProofs(EventStoreReader events, SettledEpochs epochs, LeaseHistory history) {
        this.events = events;
        this.epochs = epochs;
        this.history = history;
    }

    record EventProof(LeaseHistory.HistoryEvent event, String aggregateId, String hash, long epoch, String eventsRoot,
                      List<String> proof, String anchorTxHash, Long anchorBlock) {
    }

    EventProof of(Caller caller, String eventId) {
        EventPosition position = events.position(eventId)
                .filter(found -> visibleTo(caller, found.aggregateId()))
                .orElseThrow(() -> new LedgerRejection(RejectionCode.EVENT_NOT_FOUND,
                        "no event " + eventId + " for this caller"));
        String aggregateId = position.aggregateId();
        long globalIndex = position.globalIndex();
        SettledEpoch epoch = epochs.containing(globalIndex).orElseThrow(() -> new LedgerRejection(
                RejectionCode.EVENT_NOT_SETTLED, "the event is in the open epoch; it is provable once an epoch closes"));
        List<byte[]> hashes = new ArrayList<>();
        int[] leaf = {-1};
        events.forEachInRange(epoch.fromGlobalIndex(), epoch.toGlobalIndex(), stored -> {
            if (stored.globalIndex() == globalIndex) {
                leaf[0] = hashes.size();
            }
            hashes.add(EventHashes.hash(stored));
        });
        LeaseHistory.HistoryEvent event = history.of(aggregateId).stream()
                .filter(e -> e.eventId().equals(eventId)).findFirst().orElseThrow();
        return new EventProof(event, aggregateId, Numeric.toHexString(hashes.get(leaf[0])), epoch.epoch(),
                epoch.eventsRoot(), EpochRoots.eventProof(hashes, leaf[0]), epoch.anchorTxHash(),
                epoch.anchorBlock());
    }

    /** A marketplace may prove only its own leases' events; their aggregate ids start with its id. */
    private static boolean visibleTo(Caller caller, String aggregateId) {
        return caller.role() != Role.MARKETPLACE || aggregateId.startsWith(caller.marketplaceId() + "/");
    }
}
