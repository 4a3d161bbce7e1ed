package io.gpuledger.settlement;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The payout address of each lease, read from the lease's first event in the event store (its
 * {@link LeaseOpenedEvent}), so settlement never depends on how far a projection has caught up.
 * A lease's address never changes, so the addresses read are kept (bounded): each close reads the
 * opening events of the leases it has not seen before, not of every lease it pays.
 */
@Component
class PayoutAddresses {

    private static final int KEPT_ADDRESSES = 500_000;

    private final EventStoreReader events;
    private final Cache<String, String> known = Caffeine.newBuilder().maximumSize(KEPT_ADDRESSES).build();

    PayoutAddresses(EventStoreReader events) {
        this.events = events;
    }

    Map<String, String> of(List<String> leaseKeys) {
        Map<String, String> addresses = new HashMap<>(known.getAllPresent(leaseKeys));
        List<String> unseen = new ArrayList<>();
        for (String lease : leaseKeys) {
            if (!addresses.containsKey(lease)) {
                unseen.add(lease);
            }
        }
        events.firstOf(unseen, LeaseOpenedEvent.class)
                .forEach((lease, opened) -> addresses.put(lease, opened.providerPayoutAddress()));
        unseen.forEach(lease -> {
            String address = addresses.get(lease);
            if (address != null) {
                known.put(lease, address);
            }
        });
        return addresses;
    }
}
