package io.gpuledger.settlement;

import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.settlement.api.EpochClosedEvent;
import io.gpuledger.settlement.api.SettlementId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads a closed epoch from the event store itself, not from a projection that may lag: the Settlement
 * aggregate's stream holds one EpochClosedEvent per epoch, epoch N at sequence number N - 1.
 */
@Component
class ClosedEpochs {

    private final EventStoreReader events;

    ClosedEpochs(EventStoreReader events) {
        this.events = events;
    }

    Optional<EpochClosedEvent> find(long epoch) {
        if (epoch < 1) {
            return Optional.empty();
        }
        Optional<EpochClosedEvent> closed = events.at(SettlementId.VALUE, epoch - 1, EpochClosedEvent.class);
        if (closed.isPresent() && closed.get().epoch() != epoch) {
            throw new IllegalStateException("the settlement stream holds epoch " + closed.get().epoch()
                    + " where epoch " + epoch + " belongs");
        }
        return closed;
    }
}
