package io.gpuledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.support.LedgerIT;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Reading many aggregates' streams ahead gives each load what it would have read alone (after the
 * latest snapshot, past the engine's batch size, nothing for an unknown aggregate) with two queries
 * in all, where loading them one by one queries per aggregate. The engine here is the ledger's,
 * built over a connection provider that counts the statements it prepares; the probe events' type
 * is one no handler knows.
 */
class PrefetchingEventStorageEngineIT extends LedgerIT {

    /** A probe event's payload. */
    record Probe(int number) {
    }

    @Autowired
    DataSource dataSource;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    Serializer defaultSerializer;
    @Autowired
    TransactionManager transactions;
    @Autowired
    EventSchema schema;
    @Autowired
    EventMacs macs;

    private final AtomicInteger statements = new AtomicInteger();
    private PrefetchingEventStorageEngine engine;
    private EmbeddedEventStore store;

    @BeforeEach
    void countingEngine() {
        engine = new PrefetchingEventStorageEngine(JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(defaultSerializer)
                .schema(schema)
                .connectionProvider(counting(new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactions)
                .appendEvents(new AuthenticatedAppends(macs)), transactions);
        store = EmbeddedEventStore.builder().storageEngine(engine).build();
    }

    @AfterEach
    void stop() {
        store.shutDown();
    }

    @Test
    void prefetchedStreamsAreTheStreamsEachLoadReadsAloneForTwoQueriesInAll() {
        String few = append(5);
        String many = append(150);
        String snapshotted = append(6);
        transactions.executeInTransaction(() -> engine.storeSnapshot(
                new GenericDomainEventMessage<>("PrefetchProbe", snapshotted, 2, new Probe(-2))));
        String unknown = "prefetch-probe-" + UUID.randomUUID();
        List<String> ids = List.of(few, many, snapshotted, unknown);

        statements.set(0);
        Map<String, List<String>> alone = read(ids, false);
        int queriesAlone = statements.getAndSet(0);
        Map<String, List<String>> prefetched = read(ids, true);
        int queriesPrefetched = statements.get();

        assertThat(prefetched).isEqualTo(alone);
        assertThat(alone.get(few)).containsExactly("0:0", "1:1", "2:2", "3:3", "4:4");
        assertThat(alone.get(many)).hasSize(150).endsWith("149:149");
        assertThat(alone.get(snapshotted)).containsExactly("2:-2", "3:3", "4:4", "5:5");
        assertThat(alone.get(unknown)).isEmpty();
        assertThat(queriesPrefetched).isEqualTo(2);
        assertThat(queriesAlone).as("a snapshot lookup and an event query per aggregate, two for the long one")
                .isEqualTo(9);
    }

    @Test
    void aReadFromBeforeThePrefetchedStartGoesToTheDatabase() {
        String snapshotted = append(4);
        transactions.executeInTransaction(() -> engine.storeSnapshot(
                new GenericDomainEventMessage<>("PrefetchProbe", snapshotted, 1, new Probe(-1))));

        List<String> fromTheStart = DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> {
            engine.prefetch(List.of(snapshotted));
            List<String> events = new ArrayList<>();
            engine.readEvents(snapshotted, 0).asStream().forEach(event -> events.add(describe(event)));
            return events;
        }).getPayload();

        assertThat(fromTheStart).containsExactly("0:0", "1:1", "2:2", "3:3");
    }

    private Map<String, List<String>> read(List<String> ids, boolean prefetch) {
        return DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> transactions.fetchInTransaction(() -> {
            if (prefetch) {
                engine.prefetch(ids);
            }
            Map<String, List<String>> streams = new LinkedHashMap<>();
            for (String id : ids) {
                List<String> events = new ArrayList<>();
                store.readEvents(id).asStream().forEach(event -> events.add(describe(event)));
                streams.put(id, events);
            }
            return streams;
        })).getPayload();
    }

    private String append(int count) {
        String id = "prefetch-probe-" + UUID.randomUUID();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new GenericDomainEventMessage<>("PrefetchProbe", id, i, new Probe(i)));
        }
        transactions.executeInTransaction(() -> engine.appendEvents(events));
        return id;
    }

    private static String describe(DomainEventMessage<?> event) {
        return event.getSequenceNumber() + ":" + ((Probe) event.getPayload()).number();
    }

    private ConnectionProvider counting(ConnectionProvider provider) {
        return () -> {
            Connection connection = provider.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement")) {
                            statements.incrementAndGet();
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
    }
}
