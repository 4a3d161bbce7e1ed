package io.gpuledger.eventstore;

/**
 * An event exactly as the event store holds it. All but {@code payloadRevision} and {@code mac} are
 * the input of its canonical hash ({@link EventHashes}); {@code mac} authenticates that hash
 * ({@link EventMacs}), null for an event appended before MACs began.
 */
public record StoredEvent(long globalIndex, String eventId, String aggregateId, long sequenceNumber,
                          String payloadType, String payloadRevision, String recordedAt, byte[] payload, byte[] mac) {

    public StoredEvent(long globalIndex, String eventId, String aggregateId, long sequenceNumber, String payloadType,
                       String payloadRevision, String recordedAt, byte[] payload) {
        this(globalIndex, eventId, aggregateId, sequenceNumber, payloadType, payloadRevision, recordedAt, payload, null);
    }
}
