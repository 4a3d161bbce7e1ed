package io.gpuledger.journal;

import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.eventstore.StoredEvent;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.settlement.EpochViews;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Verifies the journal and changes nothing: its entries sum to zero, in total and up to every closed
 * epoch's cut; each balance is the sum of its account's entries; and the entries are those that
 * PostingRules derives afresh from the stored events, for every event the journal has reached.
 */
@Component
public class JournalCheck {

    private static final int FETCH_SIZE = 2000;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final EventStoreReader events;
    private final JournalCoverage coverage;
    private final EpochViews epochs;

    JournalCheck(DataSource dataSource, JdbcTemplate jdbc, EventStoreReader events, JournalCoverage coverage,
                 EpochViews epochs) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.events = events;
        this.coverage = coverage;
        this.epochs = epochs;
    }

    /** Compares the entries of the events up to {@code throughIndex} (the sealed history) with the events. */
    public JournalVerdict verify(long throughIndex) {
        JournalVerdict entries = verifyEntries(coverage.covered().upTo(throughIndex));
        if (!entries.ok()) {
            return entries;
        }
        BigInteger total = jdbc.queryForObject("SELECT COALESCE(sum(amount_units), 0) FROM journal_entry",
                BigDecimal.class).toBigIntegerExact();
        if (total.signum() != 0) {
            return JournalVerdict.overall(entries.entriesChecked(), "the journal's entries sum to " + total + ", not zero");
        }
        List<String> unbalanced = jdbc.queryForList("""
                SELECT COALESCE(b.account, e.account) FROM journal_balance b
                FULL JOIN (SELECT account, sum(amount_units) AS units FROM journal_entry GROUP BY account) e
                    ON e.account = b.account
                WHERE b.balance_units IS DISTINCT FROM e.units ORDER BY 1 LIMIT 1
                """, String.class);
        if (!unbalanced.isEmpty()) {
            return JournalVerdict.overall(entries.entriesChecked(), "the balance of account " + unbalanced.get(0)
                    + " differs from the sum of its entries");
        }
        return entries;
    }

    private JournalVerdict verifyEntries(JournalCoverage.Covered covered) {
        List<EpochViews.EpochView> cuts = epochs.allEpochs().stream()
                .filter(epoch -> epoch.toGlobalIndex() <= covered.throughIndex())
                .sorted(Comparator.comparingLong(EpochViews.EpochView::toGlobalIndex))
                .toList();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT global_index, line, event_id, event_type, account, kind, amount_units
                    FROM journal_entry WHERE global_index <= ? ORDER BY global_index, line""")) {
                statement.setLong(1, covered.throughIndex());
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery()) {
                    JournalMatch match = new JournalMatch(new EntryRows(rows, covered), cuts);
                    Map<String, JournalLease> leases = new HashMap<>();
                    JournalLease.Directory directory = (marketplaceId, leaseId) -> leases.get(marketplaceId + "/" + leaseId);
                    events.forEachStoredInRange(PostingRules.EVENT_TYPES, 0, covered.throughIndex(), (stored, event) -> {
                        if (event instanceof LeaseOpenedEvent opened) {
                            leases.put(opened.marketplaceId() + "/" + opened.leaseId(), JournalLease.of(opened));
                        } else if (covered.covers(stored.globalIndex()) && match.ok()) {
                            match.accept(entriesOf(stored, event, directory));
                        }
                    });
                    return match.verdict();
                }
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not read the journal", e);
        }
    }

    private static EventEntries entriesOf(StoredEvent stored, Object event, JournalLease.Directory leases) {
        List<Posting> postings = PostingRules.postingsOf(event, leases);
        List<JournalEntry> entries = new ArrayList<>(postings.size());
        for (int line = 0; line < postings.size(); line++) {
            entries.add(JournalEntry.of(stored.globalIndex(), line, stored.eventId(), event, postings.get(line)));
        }
        return new EventEntries(stored.globalIndex(), stored.eventId(), entries);
    }

    /** The entries one event posts, derived afresh. */
    record EventEntries(long globalIndex, String eventId, List<JournalEntry> entries) {
    }

    /** The journal's rows of the covered events, in order, read one ahead. */
    static final class EntryRows {

        private final ResultSet rows;
        private final JournalCoverage.Covered covered;
        private JournalEntry next;

        EntryRows(ResultSet rows, JournalCoverage.Covered covered) throws SQLException {
            this.rows = rows;
            this.covered = covered;
            advance();
        }

        JournalEntry peek() {
            return next;
        }

        JournalEntry take() {
            JournalEntry taken = next;
            try {
                advance();
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException("could not read the journal", e);
            }
            return taken;
        }

        private void advance() throws SQLException {
            next = null;
            while (next == null && rows.next()) {
                if (covered.covers(rows.getLong(1))) {
                    next = new JournalEntry(rows.getLong(1), rows.getInt(2), rows.getString(3), rows.getString(4),
                            new JournalAccount(rows.getString(5), kindOf(rows.getString(6))),
                            rows.getBigDecimal(7).toBigIntegerExact());
                }
            }
        }

        /** A kind the ledger does not know reads as none, and so differs from every derived entry's. */
        private static AccountKind kindOf(String name) {
            return Arrays.stream(AccountKind.values()).filter(kind -> kind.name().equals(name)).findFirst().orElse(null);
        }
    }
}
