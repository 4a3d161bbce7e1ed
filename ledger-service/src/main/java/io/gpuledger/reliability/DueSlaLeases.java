package io.gpuledger.reliability;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The leases with an SLA window not closed yet that ended at or before a moment, from the
 * reliability view: an epoch close asks each of them to close its windows. A lease the view has not
 * reached yet is found by a later close.
 */
@Component
public class DueSlaLeases {

    private final JdbcTemplate jdbc;

    DueSlaLeases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record DueLease(String marketplaceId, String leaseId) {
    }

    public List<DueLease> dueBy(Instant accrueThrough) {
        return jdbc.query("SELECT marketplace_id, lease_id FROM sla_lease WHERE next_window_end <= ? "
                        + "ORDER BY marketplace_id, lease_id",
                (rs, i) -> new DueLease(rs.getString(1), rs.getString(2)), Timestamp.from(accrueThrough));
    }
}
