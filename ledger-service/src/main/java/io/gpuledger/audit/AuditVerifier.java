package io.gpuledger.audit;

import io.gpuledger.eventstore.ChainHash;
import io.gpuledger.eventstore.EventHashes;
import io.gpuledger.eventstore.EventMacs;
import io.gpuledger.eventstore.EventSealer;
import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.eventstore.StoredEvent;
import io.gpuledger.journal.JournalCheck;
import io.gpuledger.journal.JournalVerdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.web3j.utils.Numeric;

/**
 * Recomputes every event's hash and the chain from PostgreSQL and compares them with the seals,
 * then each epoch's roots with what the epoch recorded and, where an anchor source is present,
 * with what is anchored on-chain, then the journal with the postings derived from the events.
 * Answers the first divergence found.
 */
@Component
public class AuditVerifier {

    private static final int FETCH_SIZE = 2000;

    private final DataSource dataSource;
    private final EventStoreReader events;
    private final EventSealer sealer;
    private final List<EpochRootCheck> epochChecks;
    private final JournalCheck journal;
    private final EventMacs macs;
    private final VerificationProgress progress;

    public AuditVerifier(DataSource dataSource, EventStoreReader events, EventSealer sealer,
                         List<EpochRootCheck> epochChecks, JournalCheck journal, EventMacs macs,
                         VerificationProgress progress) {
        this.macs = macs;
        this.progress = progress;
        this.dataSource = dataSource;
        this.events = events;
        this.sealer = sealer;
        this.epochChecks = epochChecks;
        this.journal = journal;
    }

    /**
     * Checks the sealed history and changes nothing: events the sealer has not reached yet are
     * counted, not checked. Every closed epoch lies within the sealed range (a close seals through
     * its cut).
     */
    public Verification verify() {
        return verify(line -> { });
    }

    /** As {@link #verify()}, telling {@code progress} how many events it has checked of how many, now and then. */
    public Verification verify(Consumer<String> progress) {
        long sealedThrough = sealer.lastSeal().globalIndex();
        Verification verdict = verifyHistory(sealedThrough, this.progress.start(events.countAfter(0), progress));
        return verdict.withSeals(sealedThrough, events.countAfter(sealedThrough));
    }

    private Verification verifyHistory(long sealedThrough, VerificationProgress.Run run) {
        Verification events = verifyEvents(run);
        run.finished();
        if (!events.ok()) {
            return events;
        }
        long epochsChecked = 0;
        for (EpochRootCheck check : epochChecks) {
            Verification epochs = check.verify(events.eventsChecked());
            if (!epochs.ok()) {
                return epochs;
            }
            epochsChecked += epochs.epochsChecked();
        }
        JournalVerdict journal = this.journal.verify(sealedThrough);
        if (!journal.ok()) {
            return Verification.journalDiverges(events.eventsChecked(), epochsChecked, journal);
        }
        return Verification.ok(events.eventsChecked(), epochsChecked).withJournal(journal.entriesChecked());
    }

    private Verification verifyEvents(VerificationProgress.Run run) {
        try (Connection sealsConnection = dataSource.getConnection()) {
            sealsConnection.setAutoCommit(false);
            sealsConnection.setReadOnly(true);
            try (PreparedStatement statement = sealsConnection.prepareStatement("""
                    SELECT global_index, event_identifier, aggregate_identifier, sequence_number, event_hash, chain_hash
                    FROM event_seal ORDER BY global_index""")) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet seals = statement.executeQuery()) {
                    SealMatch match = new SealMatch(seals, macs, run);
                    events.scanAll(match::accept);
                    return match.verdict();
                }
            } finally {
                sealsConnection.rollback();
                sealsConnection.setReadOnly(false);
                sealsConnection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not read the event store or its seals", e);
        }
    }

    /**
     * A merge of two streams ordered by global index: every seal needs its event, and the same hashes;
     * every event, sealed or not yet, must hold up against its MAC.
     */
    private static final class SealMatch {

        private final ResultSet seals;
        private final EventMacs macs;
        private final VerificationProgress.Run run;
        private byte[] chain = ChainHash.START;
        private long checked;
        private boolean hasSeal;
        private Verification divergence;

        SealMatch(ResultSet seals, EventMacs macs, VerificationProgress.Run run) throws SQLException {
            this.seals = seals;
            this.macs = macs;
            this.run = run;
            this.hasSeal = seals.next();
        }

        /** Compares the next event with the next seal; false once the outcome is known. */
        boolean accept(StoredEvent event) {
            run.checked();
            if (!hasSeal) {
                String tampering = macs.tampering(event, EventHashes.hash(event));
                if (tampering != null) {
                    divergence = Verification.eventDiverges(checked, event.globalIndex(), event.eventId(),
                            event.aggregateId(), tampering + " (not sealed yet)");
                    return false;
                }
                return true;
            }
            try {
                divergence = compare(event);
                if (divergence != null) {
                    return false;
                }
                checked++;
                hasSeal = seals.next();
                return true;
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException("could not read the seals", e);
            }
        }

        Verification verdict() throws SQLException {
            if (divergence != null) {
                return divergence;
            }
            if (hasSeal) {
                return Verification.eventDiverges(checked, seals.getLong(1), seals.getString(2), seals.getString(3),
                        "the event sealed at global index " + seals.getLong(1) + " is missing from the event store");
            }
            return Verification.ok(checked, 0);
        }

        private Verification compare(StoredEvent event) throws SQLException {
            long sealIndex = seals.getLong(1);
            if (sealIndex < event.globalIndex()) {
                return Verification.eventDiverges(checked, sealIndex, seals.getString(2), seals.getString(3),
                        "the event sealed at global index " + sealIndex + " is missing from the event store");
            }
            if (sealIndex > event.globalIndex()) {
                return Verification.eventDiverges(checked, event.globalIndex(), event.eventId(), event.aggregateId(),
                        "the event was inserted below the sealed position and was never sealed");
            }
            byte[] eventHash = EventHashes.hash(event);
            if (!event.eventId().equals(seals.getString(2)) || !event.aggregateId().equals(seals.getString(3))
                    || event.sequenceNumber() != seals.getLong(4)) {
                return Verification.eventDiverges(checked, event.globalIndex(), event.eventId(), event.aggregateId(),
                        "the event's identity differs from its seal");
            }
            if (!Arrays.equals(eventHash, seals.getBytes(5))) {
                return Verification.eventDiverges(checked, event.globalIndex(), event.eventId(), event.aggregateId(),
                        "the stored event was altered: its hash " + Numeric.toHexString(eventHash)
                                + " differs from the sealed " + Numeric.toHexString(seals.getBytes(5)));
            }
            String tampering = macs.tampering(event, eventHash);
            if (tampering != null) {
                return Verification.eventDiverges(checked, event.globalIndex(), event.eventId(), event.aggregateId(),
                        tampering);
            }
            chain = ChainHash.next(chain, eventHash);
            if (!Arrays.equals(chain, seals.getBytes(6))) {
                return Verification.eventDiverges(checked, event.globalIndex(), event.eventId(), event.aggregateId(),
                        "the seal chain was altered at this event");
            }
            return null;
        }
    }
}
