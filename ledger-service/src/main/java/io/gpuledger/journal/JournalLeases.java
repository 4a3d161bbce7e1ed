package io.gpuledger.journal;

import io.gpuledger.lease.api.Billing;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The journal's own record of the leases opened (journal_lease), so it follows no other projection. */
final class JournalLeases implements JournalLease.Directory {

    private final JdbcTemplate jdbc;

    JournalLeases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(String marketplaceId, String leaseId, JournalLease lease) {
        jdbc.update("""
                INSERT INTO journal_lease (marketplace_id, lease_id, billing, payout_address) VALUES (?, ?, ?, ?)
                """, marketplaceId, leaseId, lease.billing().name(), lease.payoutAddress());
    }

    @Override
    public JournalLease lease(String marketplaceId, String leaseId) {
        List<JournalLease> found = jdbc.query("""
                SELECT billing, payout_address FROM journal_lease WHERE marketplace_id = ? AND lease_id = ?
                """, (rs, row) -> new JournalLease(Billing.valueOf(rs.getString(1)), rs.getString(2)),
                marketplaceId, leaseId);
        if (found.isEmpty()) {
            throw new IllegalStateException("the journal knows no lease " + leaseId + " of " + marketplaceId
                    + ": its LeaseOpenedEvent precedes its usage in the event store");
        }
        return found.get(0);
    }
}
