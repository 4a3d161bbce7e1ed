package io.gpuledger.eventstore;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.postgresql.PGStatement;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * The one reader of stored events: every class that reads {@code domain_event_entry}, but Axon's own
 * engine and {@link EventStoreCut}, reads it here. It hands out events as stored (for hashing and
 * display) or as their payloads, upcast and deserialized into the classes the aggregates apply, so no
 * reader picks a field out of stored JSON by name. Long reads stream through a cursor of their own in
 * constant memory, on a connection outside any transaction the caller holds: they read committed
 * events below a cut, and must not keep the caller's transaction open.
 */
@Component
public class EventStoreReader {

    private static final int FETCH_SIZE = 2000;
    private static final int CHUNK = 5000;
    /** The reader hands out payloads; an event's metadata is never read. */
    private static final byte[] NO_METADATA = "{}".getBytes(StandardCharsets.UTF_8);
    private static final String COLUMNS = """
            SELECT global_index, event_identifier, aggregate_identifier, sequence_number, payload_type,
                   payload_revision, time_stamp, payload, event_mac, event_mac_key
            FROM domain_event_entry""";

    private final DataSource dataSource;
    private final Serializer serializer;
    private final EventUpcaster upcasters;

    public EventStoreReader(DataSource dataSource, @Qualifier("eventSerializer") Serializer serializer,
                            List<EventUpcaster> upcasters) {
        this.dataSource = dataSource;
        this.serializer = serializer;
        this.upcasters = new EventUpcasterChain(upcasters);
    }

    /** Every event with {@code fromExclusive < global_index <= toInclusive}, oldest first. */
    public void forEachInRange(long fromExclusive, long toInclusive, Consumer<StoredEvent> consumer) {
        stream(COLUMNS + " WHERE global_index > ? AND global_index <= ? ORDER BY global_index",
                List.of(fromExclusive, toInclusive), event -> {
                    consumer.accept(event);
                    return true;
                });
    }

    /** Every event, oldest first, for as long as {@code keepGoing} answers true. */
    public void scanAll(Predicate<StoredEvent> keepGoing) {
        stream(COLUMNS + " ORDER BY global_index", List.of(), keepGoing);
    }

    /** The payloads of one type in the range, oldest first. */
    public <T> void forEachInRange(Class<T> type, long fromExclusive, long toInclusive, Consumer<T> consumer) {
        stream(COLUMNS + " WHERE global_index > ? AND global_index <= ? AND payload_type = ? ORDER BY global_index",
                List.of(fromExclusive, toInclusive, storedName(type)), event -> {
                    consumer.accept(payload(event, type));
                    return true;
                });
    }

    /** The payloads of any of these types in the range, oldest first, in one pass. */
    public void forEachInRange(List<Class<?>> types, long fromExclusive, long toInclusive, Consumer<Object> consumer) {
        String[] names = types.stream().map(this::storedName).toArray(String[]::new);
        stream(COLUMNS + " WHERE global_index > ? AND global_index <= ? AND payload_type = ANY (?) ORDER BY global_index",
                List.of(fromExclusive, toInclusive, names), event -> {
                    consumer.accept(payload(event));
                    return true;
                });
    }

    /** The events of any of these types in the range, oldest first, each as stored and as its payload. */
    public void forEachStoredInRange(List<Class<?>> types, long fromExclusive, long toInclusive,
                                     BiConsumer<StoredEvent, Object> consumer) {
        String[] names = types.stream().map(this::storedName).toArray(String[]::new);
        stream(COLUMNS + " WHERE global_index > ? AND global_index <= ? AND payload_type = ANY (?) ORDER BY global_index",
                List.of(fromExclusive, toInclusive, names), event -> {
                    consumer.accept(event, payload(event));
                    return true;
                });
    }

    /** One aggregate's events, in its order. */
    public List<StoredEvent> ofAggregate(String aggregateId) {
        List<StoredEvent> events = new ArrayList<>();
        query(COLUMNS + " WHERE aggregate_identifier = ? ORDER BY sequence_number", List.of(aggregateId),
                events::add);
        return events;
    }

    /** Up to {@code limit} of one aggregate's events after {@code afterSequence}, in its order. */
    public List<StoredEvent> ofAggregate(String aggregateId, long afterSequence, int limit) {
        List<StoredEvent> events = new ArrayList<>();
        query(COLUMNS + " WHERE aggregate_identifier = ? AND sequence_number > ? ORDER BY sequence_number LIMIT ?",
                List.of(aggregateId, afterSequence, limit), events::add);
        return events;
    }

    /**
     * The events of the aggregates that {@code aggregateIds} (a query answering one column of
     * aggregate identifiers) selects, recorded in {@code [recordedFrom, recordedTo)} where those are
     * given, oldest first.
     */
    public void forEachOfAggregatesIn(String aggregateIds, List<?> parameters, Instant recordedFrom,
                                      Instant recordedTo, Consumer<StoredEvent> consumer) {
        StringBuilder sql = new StringBuilder(COLUMNS + " WHERE aggregate_identifier IN (" + aggregateIds + ")");
        List<Object> arguments = new ArrayList<>(parameters);
        if (recordedFrom != null) {
            sql.append(" AND time_stamp::timestamptz >= ?");
            arguments.add(Timestamp.from(recordedFrom));
        }
        if (recordedTo != null) {
            sql.append(" AND time_stamp::timestamptz < ?");
            arguments.add(Timestamp.from(recordedTo));
        }
        stream(sql + " ORDER BY global_index", arguments, event -> {
            consumer.accept(event);
            return true;
        });
    }

    /** The latest event of one type in an aggregate's stream. */
    public <T> Optional<T> latest(String aggregateId, Class<T> type) {
        return first(COLUMNS + " WHERE aggregate_identifier = ? AND payload_type = ? "
                + "ORDER BY sequence_number DESC LIMIT 1", List.of(aggregateId, storedName(type)), type);
    }

    /** The event at one place of an aggregate's stream, if it is of that type. */
    public <T> Optional<T> at(String aggregateId, long sequenceNumber, Class<T> type) {
        return first(COLUMNS + " WHERE aggregate_identifier = ? AND sequence_number = ? AND payload_type = ?",
                List.of(aggregateId, sequenceNumber, storedName(type)), type);
    }

    /** The first event of each of the aggregates, by aggregate id, where it is of that type. */
    public <T> Map<String, T> firstOf(Collection<String> aggregateIds, Class<T> type) {
        Map<String, T> found = new HashMap<>();
        List<String> ids = new ArrayList<>(aggregateIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            query(COLUMNS + " WHERE aggregate_identifier = ANY (?) AND sequence_number = 0 AND payload_type = ?",
                    List.of(chunk.toArray(String[]::new), storedName(type)),
                    event -> found.put(event.aggregateId(), payload(event, type)));
        }
        return found;
    }

    /** How many committed events lie above a global index. */
    public long countAfter(long globalIndex) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement statement = prepare(connection,
                "SELECT count(*) FROM domain_event_entry WHERE global_index > ?", List.of(globalIndex));
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not read the event store", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * The global index of each of these events, by event identifier. A projection that keys rows by an
     * event's place asks here: the tracking token its handler is given holds the highest index its
     * processor has read, which for an event committed after a later one (a gap it filled) is that
     * later event's index, not its own.
     */
    public Map<String, Long> globalIndexesOf(Collection<String> eventIdentifiers) {
        Map<String, Long> indexes = new HashMap<>();
        if (eventIdentifiers.isEmpty()) {
            return indexes;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT event_identifier, global_index FROM domain_event_entry WHERE event_identifier = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("varchar", eventIdentifiers.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    indexes.put(rs.getString(1), rs.getLong(2));
                }
            }
            return indexes;
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not read the event store", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** The highest global index of a committed event, 0 for an empty store. */
    public long highestIndex() {
        return highestIndex(false);
    }

    /**
     * The highest global index, read under a SHARE lock on the event table, which waits for every
     * transaction inserting events and holds new inserts back until the caller's transaction ends:
     * call it inside one, and end that at once ({@link EventStoreCut#take}).
     */
    long highestIndexHoldingAppends() {
        return highestIndex(true);
    }

    private long highestIndex(boolean holdingAppends) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Statement statement = connection.createStatement()) {
            if (holdingAppends) {
                statement.execute("LOCK TABLE domain_event_entry IN SHARE MODE");
            }
            try (ResultSet rs = statement.executeQuery("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not read the event store", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Where the event with this id stands, if there is one. */
    public Optional<EventPosition> position(String eventId) {
        List<EventPosition> found = new ArrayList<>();
        query(COLUMNS + " WHERE event_identifier = ?", List.of(eventId),
                event -> found.add(new EventPosition(event.aggregateId(), event.globalIndex())));
        return found.stream().findFirst();
    }

    /** The event's payload, upcast to its current revision and deserialized. */
    public Object payload(StoredEvent event) {
        var entry = new GenericDomainEventEntry<>(null, event.aggregateId(), event.sequenceNumber(), event.eventId(),
                event.recordedAt(), event.payloadType(), event.payloadRevision(), event.payload(), NO_METADATA);
        IntermediateEventRepresentation current = upcasters.upcast(Stream.of(new InitialEventRepresentation(entry,
                serializer))).findFirst().orElseThrow(() -> new IllegalStateException(
                "no upcaster may drop a stored event, but event " + event.eventId() + " was dropped"));
        return serializer.deserialize(current.getData());
    }

    private <T> T payload(StoredEvent event, Class<T> type) {
        return type.cast(payload(event));
    }

    private String storedName(Class<?> type) {
        return serializer.typeForClass(type).getName();
    }

    private <T> Optional<T> first(String sql, List<?> parameters, Class<T> type) {
        List<T> found = new ArrayList<>(1);
        query(sql, parameters, event -> found.add(payload(event, type)));
        return found.stream().findFirst();
    }

    /** A short read, in the caller's transaction where there is one: it sees what that has written. */
    private void query(String sql, List<?> parameters, Consumer<StoredEvent> consumer) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                consumer.accept(row(rs));
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not read the event store", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** A long read through a cursor: PostgreSQL streams with a fetch size only inside a transaction. */
    private void stream(String sql, List<?> parameters, Predicate<StoredEvent> keepGoing) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = statement.executeQuery()) {
                    boolean more = true;
                    while (more && rs.next()) {
                        more = keepGoing.test(row(rs));
                    }
                }
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not read the event store", e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<?> parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        // Payloads in binary: as text, PostgreSQL writes every byte as two hex digits and the driver
        // reads them back, twice the bytes on the wire and work on both sides.
        statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        for (int i = 0; i < parameters.size(); i++) {
            Object parameter = parameters.get(i);
            if (parameter instanceof String[] array) {
                statement.setArray(i + 1, connection.createArrayOf("varchar", array));
            } else {
                statement.setObject(i + 1, parameter);
            }
        }
        return statement;
    }

    private static StoredEvent row(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9), rs.getString(10));
    }
}
