package io.gpuledger.journal;

import io.gpuledger.settlement.EpochViews;
import java.math.BigInteger;
import java.util.List;

/**
 * A merge of the entries derived from the events with the journal's rows, both in global order: each
 * event's entries must be the rows at its index, line by line, and no row may lack its event. Sums
 * the rows as they pass, and checks the sum at each closed epoch's cut.
 */
final class JournalMatch {

    private final JournalCheck.EntryRows rows;
    private final List<EpochViews.EpochView> cuts;
    private int nextCut;
    private BigInteger sum = BigInteger.ZERO;
    private long checked;
    private JournalVerdict divergence;

    JournalMatch(JournalCheck.EntryRows rows, List<EpochViews.EpochView> cuts) {
        this.rows = rows;
        this.cuts = cuts;
    }

    boolean ok() {
        return divergence == null;
    }

    void accept(JournalCheck.EventEntries event) {
        JournalEntry row = rows.peek();
        if (row != null && row.globalIndex() < event.globalIndex()) {
            divergence = JournalVerdict.atEvent(checked, row.globalIndex(), row.eventId(),
                    "the journal holds an entry that no event posts");
            return;
        }
        for (JournalEntry expected : event.entries()) {
            row = rows.peek();
            if (row == null || row.globalIndex() != event.globalIndex()) {
                divergence = JournalVerdict.atEvent(checked, event.globalIndex(), event.eventId(),
                        "the journal lacks the event's entry " + describe(expected));
                return;
            }
            if (!row.equals(expected)) {
                divergence = JournalVerdict.atEvent(checked, event.globalIndex(), event.eventId(),
                        "the journal's entry " + describe(row) + " differs from the event's posting "
                                + describe(expected));
                return;
            }
            take();
            if (divergence != null) {
                return;
            }
        }
        row = rows.peek();
        if (row != null && row.globalIndex() == event.globalIndex()) {
            divergence = JournalVerdict.atEvent(checked, event.globalIndex(), event.eventId(),
                    "the journal holds an entry the event does not post: " + describe(row));
        }
    }

    JournalVerdict verdict() {
        if (divergence != null) {
            return divergence;
        }
        JournalEntry extra = rows.peek();
        if (extra != null) {
            return JournalVerdict.atEvent(checked, extra.globalIndex(), extra.eventId(),
                    "the journal holds an entry that no event posts");
        }
        checkCutsBelow(Long.MAX_VALUE);
        return divergence != null ? divergence : JournalVerdict.ok(checked);
    }

    private void take() {
        JournalEntry row = rows.take();
        checkCutsBelow(row.globalIndex());
        sum = sum.add(row.amountUnits());
        checked++;
    }

    /** Every cut below the next row's index has all its rows summed. */
    private void checkCutsBelow(long globalIndex) {
        while (divergence == null && nextCut < cuts.size() && cuts.get(nextCut).toGlobalIndex() < globalIndex) {
            EpochViews.EpochView cut = cuts.get(nextCut++);
            if (sum.signum() != 0) {
                divergence = JournalVerdict.atEpoch(checked, cut.epoch(), "the journal's entries up to the epoch's cut ("
                        + cut.toGlobalIndex() + ") sum to " + sum + ", not zero");
            }
        }
    }

    private static String describe(JournalEntry entry) {
        return "#" + entry.line() + " " + entry.account().name() + " (" + entry.account().kind() + ") "
                + entry.amountUnits() + " from " + entry.eventType();
    }
}
