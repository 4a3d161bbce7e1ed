package io.gpuledger.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gpuledger.journal.JournalVerdict;

/**
 * The verdict of a verification: ok, or the first place where the stored history diverges, and why;
 * with how far the history is sealed ({@code sealedThrough}, a global index) and how many events
 * above that were not sealed yet ({@code eventsUnsealed}), which the verification could not check;
 * and, when it holds, how many journal entries it derived afresh and compared
 * ({@code journalEntriesChecked}) and what the whole journal sums to ({@code journalTotalUnits}, "0").
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verification(boolean ok, long eventsChecked, long epochsChecked, Long globalIndex, String eventId,
                          String aggregateId, Long epoch, String reason, Long sealedThrough, Long eventsUnsealed,
                          Long journalEntriesChecked, String journalTotalUnits) {

    public static Verification ok(long eventsChecked, long epochsChecked) {
        return new Verification(true, eventsChecked, epochsChecked, null, null, null, null, null, null, null, null, null);
    }

    static Verification eventDiverges(long eventsChecked, long globalIndex, String eventId, String aggregateId,
                                      String reason) {
        return new Verification(false, eventsChecked, 0, globalIndex, eventId, aggregateId, null, reason, null, null, null,
                null);
    }

    public static Verification epochDiverges(long eventsChecked, long epochsChecked, long epoch, String reason) {
        return new Verification(false, eventsChecked, epochsChecked, null, null, null, epoch, reason, null, null, null,
                null);
    }

    static Verification journalDiverges(long eventsChecked, long epochsChecked, JournalVerdict journal) {
        return new Verification(false, eventsChecked, epochsChecked, journal.globalIndex(), journal.eventId(), null,
                journal.epoch(), journal.reason(), null, null, null, null);
    }

    Verification withSeals(long sealedThrough, long eventsUnsealed) {
        return new Verification(ok, eventsChecked, epochsChecked, globalIndex, eventId, aggregateId, epoch, reason,
                sealedThrough, eventsUnsealed, journalEntriesChecked, journalTotalUnits);
    }

    /** A verdict that holds, with the journal's check: every entry matched and the whole sums to zero. */
    Verification withJournal(long entriesChecked) {
        return new Verification(ok, eventsChecked, epochsChecked, globalIndex, eventId, aggregateId, epoch, reason,
                sealedThrough, eventsUnsealed, entriesChecked, "0");
    }
}
