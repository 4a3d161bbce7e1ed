package io.gpuledger.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC append of events, with each event's MAC and its key's id in the same row ({@link EventMacs}): the
 * statement Axon's default builds (JdbcEventStorageEngineStatements.appendEvents), one batch per
 * unit of work, plus the MAC of the canonical hash of what the row stores. The hash is computed from
 * the very values bound to the statement: the serialized payload and type, and the timestamp text
 * Axon's engine writes (ISO-8601, {@link DateTimeUtils#formatInstant}).
 */
public class AuthenticatedAppends implements AppendEventsStatementBuilder {

    private final EventMacs macs;

    public AuthenticatedAppends(EventMacs macs) {
        this.macs = macs;
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        String sql = "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields() + ", event_mac, event_mac_key) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?)";
        PreparedStatement statement = connection.prepareStatement(sql);
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = (DomainEventMessage<?>) message;
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
            String recordedAt = DateTimeUtils.formatInstant(event.getTimestamp());
            StoredEvent stored = new StoredEvent(0, event.getIdentifier(), event.getAggregateIdentifier(),
                    event.getSequenceNumber(), payload.getType().getName(), payload.getType().getRevision(), recordedAt,
                    payload.getData());
            statement.setString(1, event.getIdentifier());
            statement.setString(2, event.getAggregateIdentifier());
            statement.setLong(3, event.getSequenceNumber());
            statement.setString(4, event.getType());
            statement.setString(5, recordedAt);
            statement.setString(6, stored.payloadType());
            statement.setString(7, stored.payloadRevision());
            statement.setBytes(8, stored.payload());
            statement.setBytes(9, metaData.getData());
            statement.setBytes(10, macs.mac(EventHashes.hash(stored)));
            statement.setString(11, macs.currentKeyId());
            statement.addBatch();
        }
        return statement;
    }
}
