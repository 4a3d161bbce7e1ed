package io.gpuledger.journal;

import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which events the journal has posted: those up to its processor's position but the gaps below it
 * (events that commit late with a lower index, posted once they do). Read from the stored token
 * without claiming it, so verification stays read-only; the entries and the token commit together.
 */
@Component
class JournalCoverage {

    /** Events up to {@code throughIndex}, but those in {@code gaps}; nothing when throughIndex is 0. */
    record Covered(long throughIndex, Set<Long> gaps) {

        static final Covered NOTHING = new Covered(0, Set.of());

        boolean covers(long globalIndex) {
            return globalIndex <= throughIndex && !gaps.contains(globalIndex);
        }

        Covered upTo(long globalIndex) {
            return new Covered(Math.min(throughIndex, globalIndex), gaps);
        }
    }

    private final JdbcTemplate jdbc;
    private final TokenStore tokens;

    JournalCoverage(JdbcTemplate jdbc, TokenStore tokens) {
        this.jdbc = jdbc;
        this.tokens = tokens;
    }

    Covered covered() {
        List<Covered> found = jdbc.query("""
                SELECT token, token_type FROM token_entry WHERE processor_name = ? AND segment = 0
                """, (rs, row) -> rs.getBytes(1) == null ? Covered.NOTHING
                : of(((JdbcTokenStore) tokens).serializer().deserialize(
                        new SimpleSerializedObject<>(rs.getBytes(1), byte[].class, rs.getString(2), null))),
                JournalProjection.PROCESSING_GROUP);
        return found.isEmpty() ? Covered.NOTHING : found.get(0);
    }

    private static Covered of(Object token) {
        if (token instanceof ReplayToken replay) {
            return of(replay.getCurrentToken());
        }
        if (token instanceof GapAwareTrackingToken position) {
            return new Covered(position.getIndex(), Set.copyOf(position.getGaps()));
        }
        if (token == null) {
            return Covered.NOTHING;
        }
        throw new IllegalStateException("the journal's processor holds a token of an unknown kind: "
                + token.getClass().getName());
    }
}
