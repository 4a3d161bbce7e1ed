package io.gpuledger.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Streams stored events in global order straight from domain_event_entry, in constant memory. It
 * reads on a connection of its own, outside any transaction the caller holds: it only ever reads
 * committed events below a cut, and a long read must not keep the caller's transaction open.
 */
@Component
public class EventStoreReader {

    private static final int FETCH_SIZE = 2000;
    private static final String COLUMNS = """
            SELECT global_index, event_identifier, aggregate_identifier, sequence_number, payload_type, time_stamp,
                   payload
            FROM domain_event_entry WHERE global_index > ? AND global_index <= ?""";

    private final DataSource dataSource;

    public EventStoreReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every event with {@code fromExclusive < global_index <= toInclusive}, oldest first. */
    public void forEachInRange(long fromExclusive, long toInclusive, Consumer<StoredEvent> consumer) {
        stream(COLUMNS + " ORDER BY global_index", List.of(fromExclusive, toInclusive), consumer);
    }

    /** Every event of one payload type in the range, oldest first. */
    public void forEachOfTypeInRange(String payloadType, long fromExclusive, long toInclusive,
                                     Consumer<StoredEvent> consumer) {
        stream(COLUMNS + " AND payload_type = ? ORDER BY global_index",
                List.of(fromExclusive, toInclusive, payloadType), consumer);
    }

    /**
     * Streams the rows of a query that selects the seven columns of a {@link StoredEvent}, in that
     * order, through a cursor of its own.
     */
    void stream(String sql, List<?> parameters, Consumer<StoredEvent> consumer) {
        try (Connection connection = dataSource.getConnection()) {
            // PostgreSQL streams with a fetch size only inside a transaction.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FETCH_SIZE);
                // Payloads in binary: as text, PostgreSQL writes every byte as two hex digits and the
                // driver reads them back, twice the bytes on the wire and work on both sides.
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                                rs.getString(5), rs.getString(6), rs.getBytes(7)));
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
}
