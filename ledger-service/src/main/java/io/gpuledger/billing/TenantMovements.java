package io.gpuledger.billing;

import io.gpuledger.account.api.DepositRecordedEvent;
import io.gpuledger.account.api.FundingKind;
import io.gpuledger.account.api.HeldCharge;
import io.gpuledger.account.api.HeldChargesReleasedEvent;
import io.gpuledger.account.api.LeaseCharge;
import io.gpuledger.account.api.TenantChargedEvent;
import io.gpuledger.lease.view.LeaseProjection;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps tenant_movement: what each tenant account event moved, at when it was recorded (the events
 * carry no time of their own). It runs in the billing processor so that a statement reads only what
 * one processor wrote; account events are rare beside usage, so each is written as it comes.
 */
@Component
@ProcessingGroup(LeaseProjection.PROCESSING_GROUP)
class TenantMovements {

    private static final BigInteger ZERO = BigInteger.ZERO;

    private final JdbcTemplate jdbc;

    TenantMovements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DepositRecordedEvent e, @SequenceNumber long sequenceNumber, @Timestamp Instant recordedAt) {
        boolean deposit = e.kind() == FundingKind.DEPOSIT;
        insert(e.marketplaceId(), e.tenantId(), sequenceNumber, recordedAt, deposit ? e.amountUnits() : ZERO,
                deposit ? ZERO : e.amountUnits(), ZERO, ZERO, ZERO);
    }

    @EventHandler
    void on(TenantChargedEvent e, @SequenceNumber long sequenceNumber, @Timestamp Instant recordedAt) {
        BigInteger charged = ZERO;
        BigInteger held = ZERO;
        for (LeaseCharge charge : e.charges()) {
            charged = charged.add(charge.chargedUnits());
            held = charge.held() ? held.add(charge.chargedUnits()) : held;
        }
        insert(e.marketplaceId(), e.tenantId(), sequenceNumber, recordedAt, ZERO, ZERO, charged, held, ZERO);
    }

    @EventHandler
    void on(HeldChargesReleasedEvent e, @SequenceNumber long sequenceNumber, @Timestamp Instant recordedAt) {
        BigInteger released = e.released().stream().map(HeldCharge::chargedUnits).reduce(ZERO, BigInteger::add);
        insert(e.marketplaceId(), e.tenantId(), sequenceNumber, recordedAt, ZERO, ZERO, ZERO, ZERO, released);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE tenant_movement");
    }

    private void insert(String marketplaceId, String tenantId, long sequenceNumber, Instant recordedAt,
                        BigInteger deposits, BigInteger credits, BigInteger charges, BigInteger held,
                        BigInteger released) {
        jdbc.update("""
                INSERT INTO tenant_movement (marketplace_id, tenant_id, sequence_number, recorded_at, deposits_units,
                    credits_units, charges_units, held_units, released_units)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, marketplaceId, tenantId, sequenceNumber, java.sql.Timestamp.from(recordedAt),
                new BigDecimal(deposits), new BigDecimal(credits), new BigDecimal(charges), new BigDecimal(held),
                new BigDecimal(released));
    }
}
