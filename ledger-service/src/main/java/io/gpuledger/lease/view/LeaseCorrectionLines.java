package io.gpuledger.lease.view;

import io.gpuledger.common.MoneyRule;
import io.gpuledger.lease.api.AdjustmentKind;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.UsageVoidedEvent;
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
 * Keeps lease_correction, a row per void or adjustment at the time that places it in a statement
 * window (docs/MONEY.md, "Statements and corrections"): a void at its report's periodStart, where
 * the report itself counts, so the two cancel in the same window; an adjustment, which has no period,
 * at when it was recorded. Corrections are rare, so each is written as it comes, in the billing
 * processor beside lease_view (whose row gives the lease's number).
 */
@Component
@ProcessingGroup(LeaseProjection.PROCESSING_GROUP)
class LeaseCorrectionLines {

    private final JdbcTemplate jdbc;

    LeaseCorrectionLines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UsageVoidedEvent e, @SequenceNumber long sequenceNumber) {
        BigInteger value = MoneyRule.usageValue(e.gpuSeconds(), e.priceUnitsPerGpuHour());
        insert(e.marketplaceId(), e.leaseId(), sequenceNumber, e.periodStart(), e.gpuSeconds(), value, BigInteger.ZERO);
    }

    @EventHandler
    void on(LeaseAdjustedEvent e, @SequenceNumber long sequenceNumber, @Timestamp Instant recordedAt) {
        BigInteger units = e.kind() == AdjustmentKind.DEBIT ? e.amountUnits() : e.amountUnits().negate();
        insert(e.marketplaceId(), e.leaseId(), sequenceNumber, recordedAt, 0, BigInteger.ZERO, units);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE lease_correction");
    }

    private void insert(String marketplaceId, String leaseId, long sequenceNumber, Instant placedAt, long gpuSeconds,
                        BigInteger usageValue, BigInteger adjustmentUnits) {
        int rows = jdbc.update("""
                INSERT INTO lease_correction (lease_ref, sequence_number, placed_at, gpu_seconds, usage_value,
                    adjustment_units)
                SELECT lease_ref, ?, ?, ?, ?, ? FROM lease_view WHERE marketplace_id = ? AND lease_id = ?
                """, sequenceNumber, java.sql.Timestamp.from(placedAt), gpuSeconds, new BigDecimal(usageValue),
                new BigDecimal(adjustmentUnits), marketplaceId, leaseId);
        if (rows != 1) {
            // A lease's opening is projected before its corrections; without its row the batch must not commit.
            throw new IllegalStateException("correction for a lease not in lease_view: " + marketplaceId + "/" + leaseId);
        }
    }
}
