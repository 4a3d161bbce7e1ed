package io.gpuledger.lease.view;

import io.gpuledger.common.Charges;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SLA credits (adjustments with reason SLA_CREDIT) among a range of the event store, summed as their
 * events moved them: what an epoch's own line of SLA credits shows.
 */
@Component
public class SlaCreditLines {

    private final JdbcTemplate jdbc;

    public SlaCreditLines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The credits whose events lie after {@code afterGlobalIndex} up to {@code throughGlobalIndex}; empty without any. */
    public Optional<Charges> between(long afterGlobalIndex, long throughGlobalIndex) {
        List<Charges> sums = jdbc.query("""
                SELECT SUM(charged_units), SUM(fee_units), SUM(provider_units) FROM lease_correction
                WHERE correction = 'ADJUSTMENT' AND reason = 'SLA_CREDIT' AND global_index > ? AND global_index <= ?
                HAVING COUNT(*) > 0
                """, (rs, row) -> new Charges(rs.getBigDecimal(1).toBigIntegerExact(),
                rs.getBigDecimal(2).toBigIntegerExact(), rs.getBigDecimal(3).toBigIntegerExact()),
                afterGlobalIndex, throughGlobalIndex);
        return sums.stream().findFirst();
    }
}
