package io.gpuledger.eventstore;

/** Where an event stands: its aggregate's stream and its place in the global order. */
public record EventPosition(String aggregateId, long globalIndex) {
}
