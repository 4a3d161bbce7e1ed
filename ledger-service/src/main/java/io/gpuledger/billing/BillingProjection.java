package io.gpuledger.billing;

import io.gpuledger.common.MoneyRule;
import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.LeasePriceChangedEvent;
import io.gpuledger.usage.api.RecordedUsage;
import io.gpuledger.usage.api.UsageRecordedEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps lease_view and usage_line, the tables every statement reads. It runs in the 'billing'
 * processor, whose token commits in the same transaction as these writes; resetting that token
 * rebuilds both tables from the event store.
 */
@Component
@ProcessingGroup(BillingProjection.PROCESSING_GROUP)
public class BillingProjection {

    public static final String PROCESSING_GROUP = "billing";
    private static final String PENDING_USAGE = BillingProjection.class.getName() + ".pendingUsage";

    private final JdbcTemplate jdbc;

    public BillingProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LeaseOpenedEvent e, @Timestamp Instant openedAt) {
        jdbc.update("""
                INSERT INTO lease_view (marketplace_id, lease_id, provider_id, provider_payout_address, tenant_id,
                    gpu_model, gpu_count, price_units_per_gpu_hour, marketplace_fee_bps, starts_at, ends_at, state,
                    opened_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?) ON CONFLICT DO NOTHING
                """, e.marketplaceId(), e.leaseId(), e.providerId(), e.providerPayoutAddress(), e.tenantId(),
                e.gpuModel(), e.gpuCount(), new BigDecimal(e.priceUnitsPerGpuHour()), e.marketplaceFeeBps(),
                ts(e.startsAt()), ts(e.endsAt()), ts(openedAt));
    }

    @EventHandler
    void on(LeasePriceChangedEvent e) {
        jdbc.update("UPDATE lease_view SET price_units_per_gpu_hour = ? WHERE marketplace_id = ? AND lease_id = ?",
                new BigDecimal(e.priceUnitsPerGpuHour()), e.marketplaceId(), e.leaseId());
    }

    @EventHandler
    void on(LeaseClosedEvent e) {
        jdbc.update("""
                UPDATE lease_view SET state = 'CLOSED', closed_at = ?, close_reason = ?
                WHERE marketplace_id = ? AND lease_id = ?
                """, ts(e.closedAt()), e.reason().name(), e.marketplaceId(), e.leaseId());
    }

    /** Usage arrives in volume: lines are gathered over the processor's batch and written in one COPY. */
    @EventHandler
    void on(UsageRecordedEvent e) {
        pendingUsage().add(e);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE usage_line, lease_view");
    }

    private List<UsageRecordedEvent> pendingUsage() {
        return CurrentUnitOfWork.get().root().getOrComputeResource(PENDING_USAGE, key -> {
            List<UsageRecordedEvent> pending = new ArrayList<>();
            CurrentUnitOfWork.get().root().onPrepareCommit(u -> writeUsage(pending));
            return pending;
        });
    }

    private void writeUsage(List<UsageRecordedEvent> events) {
        UsageLineCopy lines = new UsageLineCopy();
        Map<List<String>, LeaseUsage> leases = new LinkedHashMap<>();
        for (UsageRecordedEvent e : events) {
            LeaseUsage lease = leases.computeIfAbsent(List.of(e.marketplaceId(), e.leaseId()),
                    k -> new LeaseUsage(e.marketplaceId(), e.leaseId()));
            for (RecordedUsage report : e.reports()) {
                BigInteger value = MoneyRule.usageValue(report.gpuSeconds(), report.priceUnitsPerGpuHour());
                lines.add(e.marketplaceId(), e.leaseId(), report, value);
                lease.add(report.gpuSeconds(), value);
            }
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            lines.copyInto(connection);
            addToLeaseTotals(connection, leases.values());
            return null;
        });
    }

    /**
     * One statement for every lease of the batch: the totals arrive as arrays and join lease_view on
     * its key. A statement per lease cost PostgreSQL more than the lines' own COPY.
     */
    private static void addToLeaseTotals(Connection connection, Collection<LeaseUsage> leases) throws SQLException {
        int n = leases.size();
        String[] marketplaceIds = new String[n];
        String[] leaseIds = new String[n];
        Long[] gpuSeconds = new Long[n];
        BigDecimal[] usageValues = new BigDecimal[n];
        int i = 0;
        for (LeaseUsage lease : leases) {
            marketplaceIds[i] = lease.marketplaceId;
            leaseIds[i] = lease.leaseId;
            gpuSeconds[i] = lease.gpuSeconds;
            usageValues[i] = new BigDecimal(lease.usageValue);
            i++;
        }
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE lease_view v SET gpu_seconds_recorded = v.gpu_seconds_recorded + u.gpu_seconds,
                    usage_value = v.usage_value + u.usage_value
                FROM unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::numeric[])
                    AS u (marketplace_id, lease_id, gpu_seconds, usage_value)
                WHERE v.marketplace_id = u.marketplace_id AND v.lease_id = u.lease_id
                """)) {
            update.setArray(1, connection.createArrayOf("varchar", marketplaceIds));
            update.setArray(2, connection.createArrayOf("varchar", leaseIds));
            update.setArray(3, connection.createArrayOf("bigint", gpuSeconds));
            update.setArray(4, connection.createArrayOf("numeric", usageValues));
            update.executeUpdate();
        }
    }

    private static final class LeaseUsage {
        private final String marketplaceId;
        private final String leaseId;
        private long gpuSeconds;
        private BigInteger usageValue = BigInteger.ZERO;

        LeaseUsage(String marketplaceId, String leaseId) {
            this.marketplaceId = marketplaceId;
            this.leaseId = leaseId;
        }

        void add(long seconds, BigInteger value) {
            gpuSeconds += seconds;
            usageValue = usageValue.add(value);
        }
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return instant == null ? null : java.sql.Timestamp.from(instant);
    }
}
