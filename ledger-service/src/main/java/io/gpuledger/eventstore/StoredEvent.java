package io.gpuledger.eventstore;

/**
 * An event exactly as the event store holds it. All but {@code payloadRevision} are the input of its
 * canonical hash ({@link EventHashes}).
 */
public record StoredEvent(long globalIndex, String eventId, String aggregateId, long sequenceNumber,
                          String payloadType, String payloadRevision, String recordedAt, byte[] payload) {
}
