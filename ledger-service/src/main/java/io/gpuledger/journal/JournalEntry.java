package io.gpuledger.journal;

import java.math.BigInteger;

/**
 * An entry of the journal: the {@code line}-th posting of the event at {@code globalIndex}, with the
 * event's id and its type's simple name.
 */
public record JournalEntry(long globalIndex, int line, String eventId, String eventType, JournalAccount account,
                           BigInteger amountUnits) {

    static JournalEntry of(long globalIndex, int line, String eventId, Object event, Posting posting) {
        return new JournalEntry(globalIndex, line, eventId, event.getClass().getSimpleName(), posting.account(),
                posting.amountUnits());
    }
}
