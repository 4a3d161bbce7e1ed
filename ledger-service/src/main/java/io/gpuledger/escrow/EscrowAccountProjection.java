package io.gpuledger.escrow;

import io.gpuledger.account.api.DepositRecordedEvent;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps escrow_account, the account key of every tenant the ledger knows, in the 'escrow-accounts'
 * processor: a tenant becomes known with its first lease or its first deposit, the same events that
 * put it in lease_view and tenant_balance. The keys are computed here, once per tenant, because
 * PostgreSQL has no keccak256 and a Deposited log names its tenant by nothing else.
 */
@Component
@ProcessingGroup(EscrowAccountProjection.PROCESSING_GROUP)
class EscrowAccountProjection {

    static final String PROCESSING_GROUP = "escrow-accounts";

    private final JdbcTemplate jdbc;

    EscrowAccountProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LeaseOpenedEvent e) {
        know(e.marketplaceId(), e.tenantId());
    }

    @EventHandler
    void on(DepositRecordedEvent e) {
        know(e.marketplaceId(), e.tenantId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE escrow_account");
    }

    private void know(String marketplaceId, String tenantId) {
        jdbc.update("""
                INSERT INTO escrow_account (account, marketplace_id, tenant_id) VALUES (?, ?, ?)
                ON CONFLICT (account) DO NOTHING
                """, AccountKeys.of(marketplaceId, tenantId), marketplaceId, tenantId);
    }
}
