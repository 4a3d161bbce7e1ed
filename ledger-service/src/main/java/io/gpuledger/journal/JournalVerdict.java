package io.gpuledger.journal;

/**
 * What verifying the journal found: that it holds, or the first divergence, at an event
 * ({@code globalIndex}, {@code eventId}) or an epoch's cut ({@code epoch}), and why.
 */
public record JournalVerdict(boolean ok, long entriesChecked, Long globalIndex, String eventId, Long epoch,
                             String reason) {

    static JournalVerdict ok(long entriesChecked) {
        return new JournalVerdict(true, entriesChecked, null, null, null, null);
    }

    static JournalVerdict atEvent(long entriesChecked, long globalIndex, String eventId, String reason) {
        return new JournalVerdict(false, entriesChecked, globalIndex, eventId, null, reason);
    }

    static JournalVerdict atEpoch(long entriesChecked, long epoch, String reason) {
        return new JournalVerdict(false, entriesChecked, null, null, epoch, reason);
    }

    static JournalVerdict overall(long entriesChecked, String reason) {
        return new JournalVerdict(false, entriesChecked, null, null, null, reason);
    }
}
