package io.gpuledger.lease.view;

import io.gpuledger.common.MoneyRule;
import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.lease.api.AdjustmentKind;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.UsageVoidedEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps lease_correction, a row per void or adjustment at the time that places it in a statement
 * window (docs/MONEY.md, "Statements and corrections"): a void at its report's periodStart, where
 * the report itself counts, so the two cancel in the same window; an adjustment, which has no period,
 * at when it was recorded. Each row also keeps what a statement itemizes: the report voided or the
 * adjustment's id and kind, the reason, when it was recorded, and the slice its event moved.
 * Corrections are rare, so each is written as it comes, in the billing processor beside lease_view
 * (whose row gives the lease's number).
 */
@Component
@ProcessingGroup(LeaseProjection.PROCESSING_GROUP)
class LeaseCorrectionLines {

    private final JdbcTemplate jdbc;
    private final EventStoreReader events;

    LeaseCorrectionLines(JdbcTemplate jdbc, EventStoreReader events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @EventHandler
    void on(UsageVoidedEvent e, @SequenceNumber long sequenceNumber, @Timestamp Instant recordedAt,
            EventMessage<?> message) {
        BigInteger value = MoneyRule.reportValue(e.gpuSeconds(), e.priceUnitsPerGpuHour(), e.energyWh(),
                e.energyUnitsPerKwh());
        insert(e.marketplaceId(), e.leaseId(), sequenceNumber, globalIndex(message), new Item(e.periodStart(), e.gpuSeconds(), value,
                BigInteger.ZERO, "VOID", e.reportId(), null, e.reason(), recordedAt, e.periodEnd(), e.chargedUnits(),
                e.feeUnits(), e.providerUnits()));
    }

    @EventHandler
    void on(LeaseAdjustedEvent e, @SequenceNumber long sequenceNumber, @Timestamp Instant recordedAt,
            EventMessage<?> message) {
        BigInteger units = e.kind() == AdjustmentKind.DEBIT ? e.amountUnits() : e.amountUnits().negate();
        insert(e.marketplaceId(), e.leaseId(), sequenceNumber, globalIndex(message), new Item(recordedAt, 0, BigInteger.ZERO, units,
                "ADJUSTMENT", e.adjustmentId(), e.kind().name(), e.reason().name(), recordedAt, null, e.chargedUnits(),
                e.feeUnits(), e.providerUnits()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE lease_correction");
    }

    /** A row of lease_correction: where it is placed and what it moved, then what identifies it. */
    private record Item(Instant placedAt, long gpuSeconds, BigInteger usageValue, BigInteger adjustmentUnits,
                        String correction, String correctionId, String adjustmentKind, String reason,
                        Instant recordedAt, Instant periodEnd, BigInteger chargedUnits, BigInteger feeUnits,
                        BigInteger providerUnits) {
    }

    /** The event's place in the store (not its tracking token's, which for an event committed late is a later one's). */
    private long globalIndex(EventMessage<?> message) {
        Long place = events.globalIndexesOf(List.of(message.getIdentifier())).get(message.getIdentifier());
        if (place == null) {
            throw new IllegalStateException("event " + message.getIdentifier() + " is not in the event store");
        }
        return place;
    }

    private void insert(String marketplaceId, String leaseId, long sequenceNumber, long globalIndex, Item item) {
        int rows = jdbc.update("""
                INSERT INTO lease_correction (lease_ref, sequence_number, global_index, placed_at, gpu_seconds,
                    usage_value, adjustment_units, correction, correction_id, adjustment_kind, reason, recorded_at,
                    period_end, charged_units, fee_units, provider_units)
                SELECT lease_ref, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM lease_view
                WHERE marketplace_id = ? AND lease_id = ?
                """, sequenceNumber, globalIndex, timestamp(item.placedAt()), item.gpuSeconds(), new BigDecimal(item.usageValue()),
                new BigDecimal(item.adjustmentUnits()), item.correction(), item.correctionId(), item.adjustmentKind(),
                item.reason(), timestamp(item.recordedAt()), timestamp(item.periodEnd()),
                new BigDecimal(item.chargedUnits()), new BigDecimal(item.feeUnits()),
                new BigDecimal(item.providerUnits()), marketplaceId, leaseId);
        if (rows != 1) {
            // A lease's opening is projected before its corrections; without its row the batch must not commit.
            throw new IllegalStateException("correction for a lease not in lease_view: " + marketplaceId + "/" + leaseId);
        }
    }

    private static java.sql.Timestamp timestamp(Instant instant) {
        return instant == null ? null : java.sql.Timestamp.from(instant);
    }
}
