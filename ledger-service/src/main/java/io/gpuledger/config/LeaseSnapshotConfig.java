package io.gpuledger.config;

import io.gpuledger.lease.LeaseState;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Snapshots of leases (snapshot_event_entry, V1): a lease that left the cache, or any lease after a
 * restart, loads from its latest snapshot and the events after it, never more than
 * {@code ledger.lease-snapshot-events} of them, however long its history. Axon's snapshotter writes
 * a snapshot after the commit of the request that crossed the count, in a transaction of its own,
 * and keeps only the latest one of each lease.
 */
@Configuration
public class LeaseSnapshotConfig {

    @Bean
    public SnapshotTriggerDefinition leaseSnapshotTrigger(Snapshotter snapshotter,
                                                          @Value("${ledger.lease-snapshot-events:250}") int events) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, events);
    }

    /** Only snapshots of the stored form this code reads; an older one is passed over for the events. */
    @Bean
    public SnapshotFilter leaseSnapshotFilter() {
        return snapshot -> LeaseState.REVISION.equals(snapshot.getPayload().getType().getRevision());
    }
}
