package io.gpuledger.settlement;

import io.gpuledger.lease.api.LeaseOpenedEvent;
import java.sql.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The payout address of each lease, read from the lease's first event in the event store (its
 * {@link LeaseOpenedEvent}), so settlement never depends on how far a projection has caught up.
 */
@Component
class PayoutAddresses {

    private static final int CHUNK = 5000;

    private final JdbcTemplate jdbc;

    PayoutAddresses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, String> of(List<String> leaseKeys) {
        Map<String, String> addresses = new HashMap<>();
        for (int from = 0; from < leaseKeys.size(); from += CHUNK) {
            List<String> chunk = new ArrayList<>(leaseKeys.subList(from, Math.min(leaseKeys.size(), from + CHUNK)));
            jdbc.query(con -> {
                // PostgreSQL reads the one field it needs from each LeaseOpenedEvent's JSON.
                var statement = con.prepareStatement("SELECT aggregate_identifier, "
                        + "convert_from(payload, 'UTF8')::jsonb ->> 'providerPayoutAddress' FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ANY (?) AND sequence_number = 0");
                Array keys = con.createArrayOf("varchar", chunk.toArray());
                statement.setArray(1, keys);
                return statement;
            }, rs -> {
                addresses.put(rs.getString(1), rs.getString(2));
            });
        }
        return addresses;
    }
}
