package io.gpuledger.support;

import io.gpuledger.eventstore.EventHashes;
import io.gpuledger.eventstore.EventMacs;
import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.eventstore.StoredEvent;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * MACs under the test JVM's event key, for tests that write event rows themselves (as an older or a
 * foreign writer would) and need them to hold up as if the ledger had appended them.
 */
public final class TestEventMacs {

    private static final EventMacs MACS = new EventMacs(TestKeys.EVENT_HMAC_KEY, "", null);

    private TestEventMacs() {
    }

    public static byte[] macOf(StoredEvent event) {
        return MACS.mac(EventHashes.hash(event));
    }

    /** Gives every event of the aggregate the MAC of what is stored now. */
    public static void authenticate(JdbcTemplate jdbc, EventStoreReader events, String aggregateId) {
        for (StoredEvent event : events.ofAggregate(aggregateId)) {
            jdbc.update("UPDATE domain_event_entry SET event_mac = ? WHERE global_index = ?", macOf(event),
                    event.globalIndex());
        }
    }
}
