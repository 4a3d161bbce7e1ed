package io.gpuledger.account.view;

import io.gpuledger.account.api.DepositRecordedEvent;
import io.gpuledger.account.api.FundingKind;
import io.gpuledger.account.api.HeldCharge;
import io.gpuledger.account.api.HeldChargesReleasedEvent;
import io.gpuledger.account.api.LeaseCharge;
import io.gpuledger.account.api.TenantChargedEvent;
import io.gpuledger.platform.AppliedEvents;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps tenant_balance and lease_held from the tenant accounts' events, in the 'accounts' processor
 * (one segment: a tenant's events and the leases they name stay in order). The amounts are added,
 * so each event is applied once ({@link AppliedEvents}). Resetting its token rebuilds both tables.
 */
@Component
@ProcessingGroup(AccountProjection.PROCESSING_GROUP)
public class AccountProjection {

    public static final String PROCESSING_GROUP = "accounts";

    private final JdbcTemplate jdbc;
    private final AppliedEvents applied;

    public AccountProjection(JdbcTemplate jdbc, AppliedEvents applied) {
        this.jdbc = jdbc;
        this.applied = applied;
    }

    @EventHandler
    void on(DepositRecordedEvent e, EventMessage<?> message) {
        applied.claim(PROCESSING_GROUP, message);
        BigInteger deposits = e.kind() == FundingKind.DEPOSIT ? e.amountUnits() : BigInteger.ZERO;
        BigInteger credits = e.kind() == FundingKind.CREDIT ? e.amountUnits() : BigInteger.ZERO;
        addToBalance(e.marketplaceId(), e.tenantId(), deposits, credits, BigInteger.ZERO, BigInteger.ZERO);
    }

    @EventHandler
    void on(TenantChargedEvent e, EventMessage<?> message) {
        applied.claim(PROCESSING_GROUP, message);
        BigInteger charged = BigInteger.ZERO;
        BigInteger held = BigInteger.ZERO;
        for (LeaseCharge charge : e.charges()) {
            charged = charged.add(charge.chargedUnits());
            if (charge.held()) {
                held = held.add(charge.chargedUnits());
                addToLease(e.marketplaceId(), charge.leaseId(), charge.chargedUnits());
            }
        }
        addToBalance(e.marketplaceId(), e.tenantId(), BigInteger.ZERO, BigInteger.ZERO, charged, held);
    }

    @EventHandler
    void on(HeldChargesReleasedEvent e, EventMessage<?> message) {
        applied.claim(PROCESSING_GROUP, message);
        BigInteger released = BigInteger.ZERO;
        for (HeldCharge charge : e.released()) {
            released = released.add(charge.chargedUnits());
            addToLease(e.marketplaceId(), charge.leaseId(), charge.chargedUnits().negate());
        }
        addToBalance(e.marketplaceId(), e.tenantId(), BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
                released.negate());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE tenant_balance, lease_held");
        applied.reset(PROCESSING_GROUP);
    }

    private void addToBalance(String marketplaceId, String tenantId, BigInteger deposits, BigInteger credits,
                              BigInteger charges, BigInteger held) {
        jdbc.update("""
                INSERT INTO tenant_balance AS b (marketplace_id, tenant_id, deposits_units, credits_units,
                    charges_units, held_units)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (marketplace_id, tenant_id) DO UPDATE SET
                    deposits_units = b.deposits_units + excluded.deposits_units,
                    credits_units = b.credits_units + excluded.credits_units,
                    charges_units = b.charges_units + excluded.charges_units,
                    held_units = b.held_units + excluded.held_units
                """, marketplaceId, tenantId, new BigDecimal(deposits), new BigDecimal(credits),
                new BigDecimal(charges), new BigDecimal(held));
    }

    private void addToLease(String marketplaceId, String leaseId, BigInteger held) {
        jdbc.update("""
                INSERT INTO lease_held AS h (marketplace_id, lease_id, held_units) VALUES (?, ?, ?)
                ON CONFLICT (marketplace_id, lease_id) DO UPDATE SET held_units = h.held_units + excluded.held_units
                """, marketplaceId, leaseId, new BigDecimal(held));
    }
}
