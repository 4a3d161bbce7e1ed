package io.gpuledger.settlement;

import io.gpuledger.settlement.api.EpochClosedEvent;
import io.gpuledger.settlement.api.WithheldUsage;
import java.util.List;
import io.gpuledger.settlement.api.CapacityCharges;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Function;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Keeps epoch_view, payout_view, carried_view and withheld_usage_view, what operators and auditors read about settlement. */
@Component
@ProcessingGroup(SettlementProjection.PROCESSING_GROUP)
class SettlementProjection {

    static final String PROCESSING_GROUP = "settlement";

    private final JdbcTemplate jdbc;

    SettlementProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EpochClosedEvent e, @org.axonframework.eventhandling.Timestamp Instant closedAt) {
        jdbc.update("""
                INSERT INTO epoch_view (epoch, status, from_global_index, to_global_index, event_count, payout_count,
                    total_units, payout_root, events_root, closed_at, escrow_funded_units, capacity_fee_charged_units,
                    capacity_fee_provider_units, energy_charged_units, energy_provider_units)
                VALUES (?, 'CLOSED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, e.epoch(), e.fromGlobalIndex(), e.toGlobalIndex(), e.eventCount(), e.payouts().size(),
                new BigDecimal(e.totalUnits()), e.payoutRoot(), e.eventsRoot(), Timestamp.from(closedAt),
                new BigDecimal(e.escrowFundedUnitsOrZero()), capacity(e, CapacityCharges::feeChargedUnits),
                capacity(e, CapacityCharges::feeProviderUnits), capacity(e, CapacityCharges::energyChargedUnits),
                capacity(e, CapacityCharges::energyProviderUnits));
        jdbc.batchUpdate("""
                INSERT INTO payout_view (epoch, account, amount_units, status) VALUES (?, ?, ?, 'PENDING')
                ON CONFLICT DO NOTHING
                """, e.payouts(), 1000, (ps, payout) -> {
            ps.setLong(1, e.epoch());
            ps.setString(2, payout.account());
            ps.setBigDecimal(3, new BigDecimal(payout.amountUnits()));
        });
        jdbc.batchUpdate("INSERT INTO carried_view (epoch, account, carried_units) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                e.carriedOrNone(), 1000, (ps, carried) -> {
                    ps.setLong(1, e.epoch());
                    ps.setString(2, carried.account());
                    ps.setBigDecimal(3, new BigDecimal(carried.carriedUnits()));
                });
        withheld(e.epoch(), false, e.withheldUsageOrNone());
        withheld(e.epoch(), true, e.releasedUsageOrNone());
    }

    private static BigDecimal capacity(EpochClosedEvent e, Function<CapacityCharges, BigInteger> units) {
        return e.capacityCharges() == null ? null : new BigDecimal(units.apply(e.capacityCharges()));
    }

    private void withheld(long epoch, boolean released, List<WithheldUsage> usage) {
        jdbc.batchUpdate("""
                INSERT INTO withheld_usage_view (epoch, released, marketplace_id, lease_id, report_id, reason,
                    provider_units, window_ends_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, usage, 1000, (ps, w) -> {
            ps.setLong(1, epoch);
            ps.setBoolean(2, released);
            ps.setString(3, w.marketplaceId());
            ps.setString(4, w.leaseId());
            ps.setString(5, w.reportId());
            ps.setString(6, w.reason().name());
            ps.setBigDecimal(7, new BigDecimal(w.providerUnits()));
            ps.setTimestamp(8, Timestamp.from(w.windowEndsAt()));
        });
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE payout_view, epoch_view, carried_view, withheld_usage_view");
    }
}
