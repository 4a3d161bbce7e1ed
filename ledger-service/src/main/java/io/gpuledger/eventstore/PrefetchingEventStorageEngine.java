package io.gpuledger.eventstore;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Axon's JDBC engine, which can read the streams of many aggregates with two queries (their latest
 * snapshots, then their events after those) for a unit of work that is about to load them all: a
 * batch command over 200 leases otherwise pays a snapshot lookup and an event query per lease. What
 * is read this way is kept in the unit of work and answers each aggregate's first read there once;
 * any other read goes to the database as Axon's engine does.
 *
 * <p>An aggregate's sequence numbers have no gaps (events are only ever appended, each at the next
 * number, which the unique key enforces), so a batch shorter than the batch size is its stream's
 * last; Axon's JDBC engine instead queries until a batch comes back empty, one query more per load.
 */
public class PrefetchingEventStorageEngine extends JdbcEventStorageEngine implements StreamPrefetch {

    private static final String PREFETCHED = PrefetchingEventStorageEngine.class.getName() + ".prefetched";
    /** Axon's default: the events of an aggregate read per query. */
    private static final int BATCH_SIZE = 100;

    private final TransactionManager transactions;

    public PrefetchingEventStorageEngine(Builder builder, TransactionManager transactions) {
        super(withFinalBatchShorterThanFull(builder));
        this.transactions = transactions;
    }

    private static Builder withFinalBatchShorterThanFull(Builder builder) {
        builder.batchSize(BATCH_SIZE);
        builder.finalAggregateBatchPredicate(batch -> batch.size() < BATCH_SIZE);
        return builder;
    }

    /** The streams read ahead in a unit of work, by aggregate; each answers its aggregate's first read. */
    private record Prefetched(Map<String, List<DomainEventData<?>>> snapshots,
                              Map<String, List<DomainEventData<?>>> events, Map<String, Long> firstSequences) {
    }

    @Override
    public void prefetch(Collection<String> aggregateIds) {
        if (aggregateIds.isEmpty() || !CurrentUnitOfWork.isStarted()) {
            return;
        }
        Prefetched prefetched = CurrentUnitOfWork.get().root().getOrComputeResource(PREFETCHED,
                key -> new Prefetched(new HashMap<>(), new HashMap<>(), new HashMap<>()));
        List<String> wanted = aggregateIds.stream().distinct()
                .filter(id -> !prefetched.firstSequences().containsKey(id)).toList();
        if (wanted.isEmpty()) {
            return;
        }
        transactions.executeInTransaction(() -> read(wanted, prefetched));
    }

    private void read(List<String> ids, Prefetched prefetched) {
        for (String id : ids) {
            prefetched.snapshots().put(id, new ArrayList<>());
            prefetched.events().put(id, new ArrayList<>());
            prefetched.firstSequences().put(id, 0L);
        }
        try (Connection connection = getConnection()) {
            Array idArray = connection.createArrayOf("text", ids.toArray());
            readLatestSnapshots(connection, idArray, prefetched);
            Array firstArray = connection.createArrayOf("bigint",
                    ids.stream().map(prefetched.firstSequences()::get).toArray());
            readEventsAfterThem(connection, idArray, firstArray, prefetched);
        } catch (SQLException e) {
            throw new EventStoreException("Failed to read the events of " + ids.size() + " aggregates", e);
        }
    }

    /** Each aggregate's snapshots, latest first; its events are then read from after the latest. */
    private void readLatestSnapshots(Connection connection, Array ids, Prefetched prefetched) throws SQLException {
        EventSchema schema = schema();
        query(connection, "SELECT " + schema.domainEventFields() + " FROM " + schema.snapshotTable()
                + " WHERE " + schema.aggregateIdentifierColumn() + " = ANY(?) ORDER BY "
                + schema.aggregateIdentifierColumn() + ", " + schema.sequenceNumberColumn() + " DESC",
                List.of(ids), row -> {
                    DomainEventData<?> snapshot = getSnapshotData(row);
                    List<DomainEventData<?>> latestFirst = prefetched.snapshots().get(snapshot.getAggregateIdentifier());
                    if (latestFirst.isEmpty()) {
                        prefetched.firstSequences().put(snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber() + 1);
                    }
                    latestFirst.add(snapshot);
                });
    }

    private void readEventsAfterThem(Connection connection, Array ids, Array firstSequences, Prefetched prefetched)
            throws SQLException {
        EventSchema schema = schema();
        query(connection, "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable()
                + " JOIN unnest(?::text[], ?::bigint[]) AS wanted(prefetched_id, first_sequence) ON "
                + schema.aggregateIdentifierColumn() + " = prefetched_id AND "
                + schema.sequenceNumberColumn() + " >= first_sequence ORDER BY "
                + schema.aggregateIdentifierColumn() + ", " + schema.sequenceNumberColumn(),
                List.of(ids, firstSequences), row -> {
                    DomainEventData<?> event = getDomainEventData(row);
                    prefetched.events().get(event.getAggregateIdentifier()).add(event);
                });
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(Connection connection, String sql, List<Array> parameters, RowReader reader)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setArray(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Prefetched prefetched = prefetched();
        List<DomainEventData<?>> snapshots = prefetched == null ? null
                : prefetched.snapshots().remove(aggregateIdentifier);
        return snapshots != null ? snapshots.stream() : super.readSnapshotData(aggregateIdentifier);
    }

    /**
     * The prefetched events when the read starts where they do or later (after the latest snapshot);
     * a read from earlier (Axon refused that snapshot) goes to the database.
     */
    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String identifier, long firstSequenceNumber) {
        Prefetched prefetched = prefetched();
        Long from = prefetched == null ? null : prefetched.firstSequences().get(identifier);
        List<DomainEventData<?>> events = from == null || firstSequenceNumber < from ? null
                : prefetched.events().remove(identifier);
        if (events == null) {
            return super.readEventData(identifier, firstSequenceNumber);
        }
        prefetched.snapshots().remove(identifier);
        return events.stream().filter(event -> event.getSequenceNumber() >= firstSequenceNumber);
    }

    private static Prefetched prefetched() {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root().getResource(PREFETCHED) : null;
    }
}
