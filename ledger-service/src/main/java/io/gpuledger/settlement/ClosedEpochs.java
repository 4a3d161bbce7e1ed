package io.gpuledger.settlement;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.settlement.api.EpochClosedEvent;
import io.gpuledger.settlement.api.SettlementId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a closed epoch from the event store itself, not from a projection that may lag: the Settlement
 * aggregate's stream holds one EpochClosedEvent per epoch, epoch N at sequence number N - 1.
 */
@Component
class ClosedEpochs {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    ClosedEpochs(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<EpochClosedEvent> find(long epoch) {
        if (epoch < 1) {
            return Optional.empty();
        }
        List<byte[]> found = jdbc.query("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND sequence_number = ? AND payload_type = ?", (rs, i) -> rs.getBytes(1),
                SettlementId.VALUE, epoch - 1, EpochClosedEvent.class.getName());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        try {
            EpochClosedEvent closed = json.readValue(found.get(0), EpochClosedEvent.class);
            if (closed.epoch() != epoch) {
                throw new IllegalStateException("the settlement stream holds epoch " + closed.epoch()
                        + " where epoch " + epoch + " belongs");
            }
            return Optional.of(closed);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored EpochClosedEvent could not be read", e);
        }
    }
}
