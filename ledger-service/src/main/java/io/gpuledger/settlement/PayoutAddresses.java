package io.gpuledger.settlement;

import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The payout address of each lease, read from the lease's first event in the event store (its
 * {@link LeaseOpenedEvent}), so settlement never depends on how far a projection has caught up.
 */
@Component
class PayoutAddresses {

    private final EventStoreReader events;

    PayoutAddresses(EventStoreReader events) {
        this.events = events;
    }

    Map<String, String> of(List<String> leaseKeys) {
        Map<String, String> addresses = new HashMap<>();
        events.firstOf(leaseKeys, LeaseOpenedEvent.class)
                .forEach((lease, opened) -> addresses.put(lease, opened.providerPayoutAddress()));
        return addresses;
    }
}
