package io.gpuledger.processing;

/**
 * One event a projection failed on, as its dead-letter queue holds it: the processing group, the
 * event (id, stored type, aggregate and place in it), why it failed, and when it was queued and
 * last tried. {@code queuedBehind} is true for an event that did not fail itself but waits behind
 * an earlier dead letter of its aggregate.
 */
public record DeadLetter(String processingGroup, String deadLetterId, String eventId, String eventType,
                         String aggregateId, Long sequenceNumber, String causeType, String causeMessage,
                         String enqueuedAt, String lastTouched, boolean queuedBehind) {
}
