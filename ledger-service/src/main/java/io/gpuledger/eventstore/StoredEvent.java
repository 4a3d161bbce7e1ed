package io.gpuledger.eventstore;

/**
 * An event exactly as the event store holds it. All but {@code payloadRevision}, {@code mac} and {@code macKeyId} are
 * the input of its canonical hash ({@link EventHashes}); {@code mac} authenticates that hash
 * ({@link EventMacs}), null for an event appended before MACs began; {@code macKeyId} names the event
 * key it was made with, null for a MAC stored before MACs named their key.
 */
public record StoredEvent(long globalIndex, String eventId, String aggregateId, long sequenceNumber,
                          String payloadType, String payloadRevision, String recordedAt, byte[] payload, byte[] mac,
                          String macKeyId) {

    public StoredEvent(long globalIndex, String eventId, String aggregateId, long sequenceNumber, String payloadType,
                       String payloadRevision, String recordedAt, byte[] payload, byte[] mac) {
        this(globalIndex, eventId, aggregateId, sequenceNumber, payloadType, payloadRevision, recordedAt, payload, mac,
                null);
    }

    public StoredEvent(long globalIndex, String eventId, String aggregateId, long sequenceNumber, String payloadType,
                       String payloadRevision, String recordedAt, byte[] payload) {
        this(globalIndex, eventId, aggregateId, sequenceNumber, payloadType, payloadRevision, recordedAt, payload, null, null);
    }
}
