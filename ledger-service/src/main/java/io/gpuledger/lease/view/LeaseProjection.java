package io.gpuledger.lease.view;

import io.gpuledger.common.MoneyRule;
import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.platform.AppliedEvents;
import io.gpuledger.platform.PoisonedEvents;
import io.gpuledger.lease.api.AdjustmentKind;
import io.gpuledger.lease.api.CapacityFeeAccruedEvent;
import io.gpuledger.lease.api.CapacityPricing;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.lease.api.LeasePriceChangedEvent;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageRecordedEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps lease_view and usage_event_lines, the tables every statement reads. It runs in the 'billing'
 * processor, whose token commits in the same transaction as these writes; resetting that token
 * rebuilds both tables from the event store.
 */
@Component
@ProcessingGroup(LeaseProjection.PROCESSING_GROUP)
public class LeaseProjection {

    public static final String PROCESSING_GROUP = "billing";
    private static final String PENDING_USAGE = LeaseProjection.class.getName() + ".pendingUsage";
    /** Corrections add to a lease's totals, so each is applied once; usage is guarded by its lines' key. */
    private static final String CORRECTIONS = "lease-corrections";

    private final JdbcTemplate jdbc;
    private final AppliedEvents applied;

    public LeaseProjection(JdbcTemplate jdbc, AppliedEvents applied) {
        this.jdbc = jdbc;
        this.applied = applied;
    }

    @EventHandler
    void on(LeaseOpenedEvent e, @Timestamp Instant openedAt) {
        CapacityPricing capacity = e.pricing() instanceof CapacityPricing c ? c : null;
        jdbc.update("""
                INSERT INTO lease_view (marketplace_id, lease_id, provider_id, provider_payout_address, tenant_id,
                    gpu_model, gpu_count, price_units_per_gpu_hour, marketplace_fee_bps, starts_at, ends_at, state,
                    opened_at, billing, meter_signer, tenant_signer, dispute_window_seconds, pricing_kind,
                    capacity_kw, fee_units_per_hour, energy_units_per_kwh, value_denominator, sla)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
                ON CONFLICT DO NOTHING
                """, e.marketplaceId(), e.leaseId(), e.providerId(), e.providerPayoutAddress(), e.tenantId(),
                e.gpuModel(), e.gpuCount(), decimal(e.priceUnitsPerGpuHour()), e.marketplaceFeeBps(),
                ts(e.startsAt()), ts(e.endsAt()), ts(openedAt), e.billingOrDefault().name(),
                e.meterSigner(), e.tenantSigner(), e.disputeWindowSeconds(), e.pricingOrDefault().kind(),
                capacity == null ? null : capacity.capacityKw(),
                capacity == null ? null : decimal(capacity.feeUnitsPerHour()),
                capacity == null ? null : decimal(capacity.energyUnitsPerKwh()),
                capacity == null ? MoneyRule.SECONDS_PER_HOUR.longValue() : MoneyRule.CAPACITY_DENOMINATOR.longValue(),
                SlaTerms.json(e.sla()));
    }

    @EventHandler
    void on(LeasePriceChangedEvent e) {
        if (e.priceUnitsPerGpuHour() == null) {
            jdbc.update("""
                    UPDATE lease_view SET fee_units_per_hour = ?, energy_units_per_kwh = ?
                    WHERE marketplace_id = ? AND lease_id = ?
                    """, decimal(e.feeUnitsPerHour()), decimal(e.energyUnitsPerKwh()), e.marketplaceId(), e.leaseId());
            return;
        }
        jdbc.update("UPDATE lease_view SET price_units_per_gpu_hour = ? WHERE marketplace_id = ? AND lease_id = ?",
                new BigDecimal(e.priceUnitsPerGpuHour()), e.marketplaceId(), e.leaseId());
    }

    /** A capacity lease's fee adds to its totals as usage does; applied once, as corrections are. */
    @EventHandler
    void on(CapacityFeeAccruedEvent e, EventMessage<?> message) {
        applied.claim(CORRECTIONS, message);
        jdbc.update("""
                UPDATE lease_view SET capacity_fee_value = capacity_fee_value + ?, fee_accrued_through = ?
                WHERE marketplace_id = ? AND lease_id = ?
                """, new BigDecimal(MoneyRule.capacityFeeValue(e.feeValue())), ts(e.accruedThrough()),
                e.marketplaceId(), e.leaseId());
        jdbc.update("""
                INSERT INTO capacity_fee_line (lease_ref, accrued_from, accrued_through, fee_value)
                SELECT lease_ref, ?, ?, ? FROM lease_view WHERE marketplace_id = ? AND lease_id = ?
                """, ts(e.accruedFrom()), ts(e.accruedThrough()), new BigDecimal(MoneyRule.capacityFeeValue(e.feeValue())),
                e.marketplaceId(), e.leaseId());
    }

    @EventHandler
    void on(LeaseClosedEvent e) {
        jdbc.update("""
                UPDATE lease_view SET state = 'CLOSED', closed_at = ?, close_reason = ?
                WHERE marketplace_id = ? AND lease_id = ?
                """, ts(e.closedAt()), e.reason().name(), e.marketplaceId(), e.leaseId());
    }

    /** Usage arrives in volume: events are gathered over the processor's batch and written with two statements. */
    @EventHandler
    void on(UsageRecordedEvent e, @SequenceNumber long sequenceNumber) {
        List<PendingUsage> pending = pendingUsage();
        PendingUsage usage = new PendingUsage(e, sequenceNumber);
        pending.add(usage);
        PoisonedEvents.onUndo(() -> pending.remove(usage));
    }

    /** A void takes the report's quantities and value out of the lease's totals; its usage line stays, as recorded. */
    @EventHandler
    void on(UsageVoidedEvent e, EventMessage<?> message) {
        applied.claim(CORRECTIONS, message);
        BigInteger value = MoneyRule.reportValue(e.gpuSeconds(), e.priceUnitsPerGpuHour(), e.energyWh(),
                e.energyUnitsPerKwh());
        jdbc.update("""
                UPDATE lease_view SET gpu_seconds_recorded = gpu_seconds_recorded - ?, usage_value = usage_value - ?,
                    energy_wh_recorded = energy_wh_recorded - ?
                WHERE marketplace_id = ? AND lease_id = ?
                """, e.gpuSeconds(), new BigDecimal(value), e.energyWh() == null ? 0 : e.energyWh(), e.marketplaceId(),
                e.leaseId());
    }

    @EventHandler
    void on(LeaseAdjustedEvent e, EventMessage<?> message) {
        applied.claim(CORRECTIONS, message);
        BigInteger units = e.kind() == AdjustmentKind.DEBIT ? e.amountUnits() : e.amountUnits().negate();
        jdbc.update("UPDATE lease_view SET adjustment_units = adjustment_units + ? WHERE marketplace_id = ? AND lease_id = ?",
                new BigDecimal(units), e.marketplaceId(), e.leaseId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE usage_event_lines, capacity_fee_line, lease_view");
        applied.reset(CORRECTIONS);
    }

    private record PendingUsage(UsageRecordedEvent event, long sequenceNumber) {
    }

    /**
     * The usage gathered in the current unit of work: the processor's batch, or the retry of one dead
     * letter, which then commits or rolls back with its own usage.
     */
    private List<PendingUsage> pendingUsage() {
        return CurrentUnitOfWork.get().getOrComputeResource(PENDING_USAGE, key -> {
            List<PendingUsage> pending = new ArrayList<>();
            CurrentUnitOfWork.get().onPrepareCommit(u -> writeUsage(pending));
            return pending;
        });
    }

    /**
     * Adds the batch's usage to each lease's totals, learning the leases' numbers from the same
     * statement, then writes each event's lines under its lease's number.
     */
    private void writeUsage(List<PendingUsage> pending) {
        if (pending.isEmpty()) {
            return;
        }
        Map<MarketplaceLease, LeaseUsage> leases = new LinkedHashMap<>();
        List<LeaseUsage> leaseOfEvent = new ArrayList<>(pending.size());
        List<List<BigInteger>> usageValues = new ArrayList<>(pending.size());
        for (PendingUsage p : pending) {
            LeaseUsage lease = leases.computeIfAbsent(new MarketplaceLease(p.event().marketplaceId(), p.event().leaseId()),
                    LeaseUsage::new);
            leaseOfEvent.add(lease);
            List<BigInteger> values = new ArrayList<>(p.event().reports().size());
            for (RecordedUsage report : p.event().reports()) {
                BigInteger value = MoneyRule.reportValue(report.gpuSeconds(), report.priceUnitsPerGpuHour(),
                        report.energyWh(), report.energyUnitsPerKwh());
                values.add(value);
                lease.add(report.gpuSeconds(), report.energyWh(), value);
            }
            usageValues.add(values);
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            addToLeaseTotals(connection, leases);
            UsageEventLinesCopy lines = new UsageEventLinesCopy();
            for (int i = 0; i < pending.size(); i++) {
                lines.add(leaseOfEvent.get(i).leaseRef, pending.get(i).sequenceNumber(), pending.get(i).event().reports(),
                        usageValues.get(i));
            }
            lines.copyInto(connection);
            return null;
        });
    }

    /**
     * One statement for every lease of the batch: the totals arrive as arrays and join lease_view on
     * its key, and each updated row answers with its lease's number. A statement per lease cost
     * PostgreSQL more than the lines' own COPY.
     */
    private static void addToLeaseTotals(Connection connection, Map<MarketplaceLease, LeaseUsage> leases) throws SQLException {
        int n = leases.size();
        String[] marketplaceIds = new String[n];
        String[] leaseIds = new String[n];
        Long[] gpuSeconds = new Long[n];
        Long[] energyWh = new Long[n];
        BigDecimal[] usageValues = new BigDecimal[n];
        int i = 0;
        for (LeaseUsage lease : leases.values()) {
            marketplaceIds[i] = lease.key.marketplaceId();
            leaseIds[i] = lease.key.leaseId();
            gpuSeconds[i] = lease.gpuSeconds;
            energyWh[i] = lease.energyWh;
            usageValues[i] = new BigDecimal(lease.usageValue);
            i++;
        }
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE lease_view v SET gpu_seconds_recorded = v.gpu_seconds_recorded + u.gpu_seconds,
                    usage_value = v.usage_value + u.usage_value, energy_wh_recorded = v.energy_wh_recorded + u.energy_wh
                FROM unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::numeric[], ?::bigint[])
                    AS u (marketplace_id, lease_id, gpu_seconds, usage_value, energy_wh)
                WHERE v.marketplace_id = u.marketplace_id AND v.lease_id = u.lease_id
                RETURNING v.marketplace_id, v.lease_id, v.lease_ref
                """)) {
            update.setArray(1, connection.createArrayOf("varchar", marketplaceIds));
            update.setArray(2, connection.createArrayOf("varchar", leaseIds));
            update.setArray(3, connection.createArrayOf("bigint", gpuSeconds));
            update.setArray(4, connection.createArrayOf("numeric", usageValues));
            update.setArray(5, connection.createArrayOf("bigint", energyWh));
            try (ResultSet updated = update.executeQuery()) {
                while (updated.next()) {
                    leases.get(new MarketplaceLease(updated.getString(1), updated.getString(2))).leaseRef = updated.getLong(3);
                }
            }
        }
        for (LeaseUsage lease : leases.values()) {
            if (lease.leaseRef == 0) {
                // A lease's opening is projected before its usage; without its row the batch must not commit.
                throw new IllegalStateException("usage for a lease not in lease_view: " + lease.key);
            }
        }
    }

    private record MarketplaceLease(String marketplaceId, String leaseId) {
    }

    private static final class LeaseUsage {
        private final MarketplaceLease key;
        private long gpuSeconds;
        private long energyWh;
        private BigInteger usageValue = BigInteger.ZERO;
        /** lease_view's number for the lease, learnt when its totals are updated; identities start at 1. */
        private long leaseRef;

        LeaseUsage(MarketplaceLease key) {
            this.key = key;
        }

        void add(long seconds, Long wattHours, BigInteger value) {
            gpuSeconds += seconds;
            energyWh += wattHours == null ? 0 : wattHours;
            usageValue = usageValue.add(value);
        }
    }

    private static BigDecimal decimal(BigInteger value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return instant == null ? null : java.sql.Timestamp.from(instant);
    }
}
