package io.gpuledger.processing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The projections' dead letters: listed from their table (dead_letter_entry, which Axon's JDBC queue
 * keeps), counted, and retried through Axon's own dead-letter processor, which runs each letter
 * through the same handlers as the projection and evicts the ones they now apply.
 */
@Component
public class DeadLetters {

    private static final String COLUMNS = """
            SELECT processing_group, dead_letter_id, event_identifier, payload_type, aggregate_identifier,
                   sequence_number, cause_type, cause_message, enqueued_at, last_touched,
                   sequence_index > (SELECT min(first.sequence_index) FROM dead_letter_entry first
                                     WHERE first.processing_group = d.processing_group
                                       AND first.sequence_identifier = d.sequence_identifier)
            FROM dead_letter_entry d""";

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;

    public DeadLetters(JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    /** Where a page of dead letters starts: after the letter queued at {@code enqueuedAt} with this id. */
    public record After(String enqueuedAt, String deadLetterId) {
    }

    /**
     * Up to {@code limit} dead letters in the order they were queued, of one group or all; after
     * {@code after}. A letter above the lowest index of its aggregate's sequence is queued behind the one that failed.
     */
    public List<DeadLetter> list(String processingGroup, After after, int limit) {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE true");
        List<Object> arguments = new java.util.ArrayList<>();
        if (processingGroup != null) {
            sql.append(" AND processing_group = ?");
            arguments.add(processingGroup);
        }
        if (after != null) {
            sql.append(" AND (enqueued_at, dead_letter_id) > (?, ?)");
            arguments.add(after.enqueuedAt());
            arguments.add(after.deadLetterId());
        }
        sql.append(" ORDER BY enqueued_at, dead_letter_id LIMIT ?");
        arguments.add(limit);
        return jdbc.query(sql.toString(), (rs, i) -> new DeadLetter(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), (Long) rs.getObject(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getBoolean(11)), arguments.toArray());
    }

    /** How many dead letters each processing group holds; groups without any are absent. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    public boolean isGroup(String processingGroup) {
        return processor(processingGroup).isPresent();
    }

    /** What a retry did: sequences (aggregates) applied in full, and those that failed again and stay. */
    public record Retried(String processingGroup, int sequencesApplied, int sequencesStillFailing, long deadLettersLeft) {
    }

    /**
     * Runs every dead-lettered sequence of the group through the projection's handlers again, oldest
     * letter first, in the caller's transaction: a sequence whose letters all apply is evicted; one
     * that fails again stays queued, with its new cause, and what it did is rolled back.
     */
    public Retried retry(String processingGroup) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processor(processingGroup)
                .orElseThrow(() -> new IllegalArgumentException("no dead-letter queue for " + processingGroup));
        List<String> sequences = jdbc.queryForList("SELECT DISTINCT sequence_identifier FROM dead_letter_entry "
                + "WHERE processing_group = ? ORDER BY sequence_identifier", String.class, processingGroup);
        int applied = 0;
        for (String sequence : sequences) {
            if (processor.process(letter -> letter instanceof JdbcDeadLetter<?> stored
                    && sequence.equals(stored.getSequenceIdentifier()))) {
                applied++;
            }
        }
        long left = jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry WHERE processing_group = ?", Long.class,
                processingGroup);
        return new Retried(processingGroup, applied, sequences.size() - applied, left);
    }

    private Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor(String processingGroup) {
        return processing.sequencedDeadLetterProcessor(processingGroup);
    }
}
