package io.gpuledger.config;

import io.gpuledger.lease.LeaseState;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Snapshots of leases (snapshot_event_entry, V1): a lease that left the cache, or any lease after a
 * restart, loads from its latest snapshot and the events after it, about
 * {@code ledger.lease-snapshot-events} of them at most, however long its history. Axon's snapshotter
 * keeps only the latest snapshot of each lease.
 *
 * <p>Snapshots are written by one thread of their own, each in its own transaction, not by the
 * request that crossed the count: a snapshot replays the events since the last one, and leases
 * that report at one rate cross the count together. Written in the requests, in their transactions,
 * they stalled batches for seconds. A full queue drops a snapshot; the lease is snapshotted after its
 * next count of events instead.
 */
@Configuration
public class LeaseSnapshotConfig implements DisposableBean {

    private static final int QUEUED_SNAPSHOTS = 10_000;

    /** Not a bean: an Executor bean would take the place of Spring Boot's applicationTaskExecutor. */
    private final ThreadPoolExecutor snapshotExecutor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED_SNAPSHOTS), task -> {
                Thread thread = new Thread(task, "lease-snapshots");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    @Override
    public void destroy() {
        snapshotExecutor.shutdown();
    }

    /** Axon's Spring Boot snapshotter, on a thread of its own instead of the committing thread. */
    @Bean
    public SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                           HandlerDefinition handlerDefinition,
                                                           ParameterResolverFactory parameterResolverFactory,
                                                           EventStore eventStore, TransactionManager transactionManager,
                                                           SnapshotterSpanFactory spanFactory) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

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
