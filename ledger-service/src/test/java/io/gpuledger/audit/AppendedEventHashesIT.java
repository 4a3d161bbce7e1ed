package io.gpuledger.audit;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The hash stored as an event is appended is the hash of the event as stored. */
class AppendedEventHashesIT extends LedgerIT {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void everyAppendedHashIsTheHashOfTheStoredEvent() {
        String lease = Leases.uniqueId("hashed");
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(lease)).status()).isEqualTo(201);
        assertThat(api.post(MARKETPLACE_A, "/v1/usage:batch", Leases.batch(List.of(
                Leases.batchReport(lease, "r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00.5Z", 100),
                Leases.batchReport(lease, "r-2", "2026-11-01T02:00:00Z", "2026-11-01T03:00:00Z", 200))))
                .status()).isEqualTo(200);

        List<byte[][]> rows = jdbc.query("""
                SELECT event_hash, event_identifier, aggregate_identifier, sequence_number, payload_type, time_stamp,
                       payload
                FROM domain_event_entry WHERE aggregate_identifier LIKE ?""", (rs, i) -> new byte[][] {
                rs.getBytes(1), EventHashes.hash(new StoredEvent(0, rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getBytes(7)))}, "%/" + lease);
        assertThat(rows).hasSize(3);
        for (byte[][] row : rows) {
            assertThat(row[0]).isEqualTo(row[1]);
        }
    }
}
