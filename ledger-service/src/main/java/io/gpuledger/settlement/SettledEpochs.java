package io.gpuledger.settlement;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What the audit side may ask of settlement: which closed epoch holds an event, and its anchor. */
@Component
public class SettledEpochs {

    public record SettledEpoch(long epoch, long fromGlobalIndex, long toGlobalIndex, String eventsRoot,
                               String anchorTxHash, Long anchorBlock) {
    }

    private final JdbcTemplate jdbc;

    SettledEpochs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SettledEpoch> containing(long globalIndex) {
        List<SettledEpoch> found = jdbc.query("""
                SELECT epoch, from_global_index, to_global_index, events_root, anchor_tx_hash, anchor_block
                FROM epoch_view WHERE from_global_index < ? AND to_global_index >= ?
                """, (rs, i) -> new SettledEpoch(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                rs.getString(5), (Long) rs.getObject(6)), globalIndex, globalIndex);
        return found.stream().findFirst();
    }
}
