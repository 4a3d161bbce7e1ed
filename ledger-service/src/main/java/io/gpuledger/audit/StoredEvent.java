package io.gpuledger.audit;

/** An event exactly as the event store holds it: the input of its canonical hash. */
public record StoredEvent(long globalIndex, String eventId, String aggregateId, long sequenceNumber,
                          String payloadType, String recordedAt, byte[] payload) {
}
