package io.gpuledger.settlement;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.settlement.api.CapacityCharges;
import io.gpuledger.settlement.api.Payout;
import io.gpuledger.settlement.api.Step;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import io.gpuledger.settlement.api.Carried;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads epochs, payouts and the steps of epochs' processes from the settlement views. */
@Component
public class EpochViews {

    public record EpochView(long epoch, String status, long fromGlobalIndex, long toGlobalIndex, long eventCount,
                            int payoutCount, BigInteger totalUnits, String payoutRoot, String eventsRoot,
                            Instant closedAt, String anchorTxHash, Long anchorBlock, Instant anchoredAt,
                            Instant paidAt, Instant anchorRequestedAt, String fundTxHash, Long fundBlock,
                            Instant fundedAt, String fundingMode, Integer pushBatchSize, Integer pushBatchCount,
                            BigInteger escrowFundedUnits, BigInteger escrowReleasedUnits, String escrowTxHash) {

        public boolean anchored() {
            return !"CLOSED".equals(status);
        }

        public boolean paid() {
            return "PAID".equals(status);
        }
    }

    public record PayoutView(long epoch, String account, BigInteger amountUnits, String status, String txHash,
                             Long blockNumber, Integer batch) {

        public Payout payout() {
            return new Payout(account, amountUnits);
        }
    }

    /** A step of an epoch's process: its current attempt and the chain intent that attempt goes out as. */
    public record StepView(long epoch, Step step, int attempt, String intentId, String status, String failure,
                           String txHash, Long blockNumber, Instant updatedAt) {
    }

    private final JdbcTemplate jdbc;

    EpochViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public EpochView epoch(long epoch) {
        return find(epoch).orElseThrow(() -> new LedgerRejection(RejectionCode.EPOCH_NOT_FOUND, "no epoch " + epoch));
    }

    public Optional<EpochView> find(long epoch) {
        return jdbc.query("SELECT * FROM epoch_view WHERE epoch = ?", EpochViews::epochView, epoch).stream().findFirst();
    }

    /** Up to {@code limit} epochs numbered below {@code beforeEpoch}, newest first. */
    public List<EpochView> epochs(long beforeEpoch, int limit) {
        return jdbc.query("SELECT * FROM epoch_view WHERE epoch < ? ORDER BY epoch DESC LIMIT ?", EpochViews::epochView,
                beforeEpoch, limit);
    }

    /** Every epoch, oldest first. */
    public List<EpochView> allEpochs() {
        return jdbc.query("SELECT * FROM epoch_view ORDER BY epoch", EpochViews::epochView);
    }

    /** Epochs whose process an operator started and that are not paid yet, oldest first. */
    public List<EpochView> unfinished() {
        return jdbc.query("SELECT * FROM epoch_view WHERE anchor_requested_at IS NOT NULL AND status <> 'PAID' "
                + "ORDER BY epoch", EpochViews::epochView);
    }

    /** The epoch's payouts in account order, the order their Merkle tree is built from. */
    public List<PayoutView> payouts(long epoch) {
        epoch(epoch);
        return jdbc.query("SELECT * FROM payout_view WHERE epoch = ? ORDER BY account COLLATE \"C\"", EpochViews::payoutView, epoch);
    }

    /** Up to {@code limit} of the epoch's payouts to accounts after {@code afterAccount} (all when null), in account order. */
    public List<PayoutView> payouts(long epoch, String afterAccount, int limit) {
        epoch(epoch);
        return jdbc.query("SELECT * FROM payout_view WHERE epoch = ? AND account COLLATE \"C\" > ? "
                + "ORDER BY account COLLATE \"C\" LIMIT ?", EpochViews::payoutView, epoch,
                afterAccount == null ? "" : afterAccount, limit);
    }

    /** The negative amounts addresses carry out of the epoch, in account order. */
    public List<Carried> carried(long epoch) {
        return jdbc.query("SELECT account, carried_units FROM carried_view WHERE epoch = ? ORDER BY account COLLATE \"C\"",
                (rs, row) -> new Carried(rs.getString(1), rs.getBigDecimal(2).toBigIntegerExact()), epoch);
    }

    /** A signed report the epoch left out ({@code released} false) or paid from an earlier epoch's withheld usage. */
    public record WithheldView(boolean released, String marketplaceId, String leaseId, String reportId, String reason,
                               BigInteger providerUnits, Instant windowEndsAt) {
    }

    /** The signed usage the epoch left out, then the withheld usage of earlier epochs it paid, each by lease and report. */
    public List<WithheldView> withheldUsage(long epoch) {
        return jdbc.query("""
                SELECT released, marketplace_id, lease_id, report_id, reason, provider_units, window_ends_at
                FROM withheld_usage_view WHERE epoch = ? ORDER BY released, marketplace_id, lease_id, report_id
                """, (rs, row) -> new WithheldView(rs.getBoolean(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getBigDecimal(6).toBigIntegerExact(), rs.getTimestamp(7).toInstant()), epoch);
    }

    /** The epoch's payouts in push order: ascending address, compared as numbers (lower-case hex). */
    public List<PayoutView> payoutsAscending(long epoch) {
        return jdbc.query("SELECT * FROM payout_view WHERE epoch = ? ORDER BY lower(account) COLLATE \"C\"",
                EpochViews::payoutView, epoch);
    }

    /** The steps of the epoch's process: anchor, fund, then the batches in order. */
    public List<StepView> steps(long epoch) {
        return jdbc.query("""
                SELECT * FROM epoch_step_view WHERE epoch = ?
                ORDER BY CASE step WHEN 'anchor' THEN 0 WHEN 'fund' THEN 1 ELSE 2 END,
                         CASE WHEN step LIKE 'batch-%' THEN CAST(substring(step FROM 7) AS INTEGER) ELSE 0 END
                """, EpochViews::stepView, epoch);
    }

    public Optional<StepView> step(long epoch, Step step) {
        return jdbc.query("SELECT * FROM epoch_step_view WHERE epoch = ? AND step = ?", EpochViews::stepView, epoch,
                step.name()).stream().findFirst();
    }

    /** The epoch's capacity fee and energy lines; empty for an epoch without them. */
    public Optional<CapacityCharges> capacityCharges(long epoch) {
        return jdbc.query("""
                SELECT capacity_fee_charged_units, capacity_fee_provider_units, energy_charged_units,
                    energy_provider_units FROM epoch_view WHERE epoch = ? AND capacity_fee_charged_units IS NOT NULL
                """, (rs, row) -> new CapacityCharges(units(rs.getBigDecimal(1)), units(rs.getBigDecimal(2)),
                units(rs.getBigDecimal(3)), units(rs.getBigDecimal(4))), epoch).stream().findFirst();
    }

    private static EpochView epochView(ResultSet rs, int row) throws SQLException {
        return new EpochView(rs.getLong("epoch"), rs.getString("status"), rs.getLong("from_global_index"),
                rs.getLong("to_global_index"), rs.getLong("event_count"), rs.getInt("payout_count"),
                rs.getBigDecimal("total_units").toBigIntegerExact(), rs.getString("payout_root"),
                rs.getString("events_root"), instant(rs.getTimestamp("closed_at")), rs.getString("anchor_tx_hash"),
                (Long) rs.getObject("anchor_block"), instant(rs.getTimestamp("anchored_at")),
                instant(rs.getTimestamp("paid_at")), instant(rs.getTimestamp("anchor_requested_at")),
                rs.getString("fund_tx_hash"), (Long) rs.getObject("fund_block"), instant(rs.getTimestamp("funded_at")),
                rs.getString("funding_mode"), (Integer) rs.getObject("push_batch_size"),
                (Integer) rs.getObject("push_batch_count"), rs.getBigDecimal("escrow_funded_units").toBigIntegerExact(),
                units(rs.getBigDecimal("escrow_released_units")), rs.getString("escrow_tx_hash"));
    }

    private static PayoutView payoutView(ResultSet rs, int row) throws SQLException {
        return new PayoutView(rs.getLong("epoch"), rs.getString("account"),
                rs.getBigDecimal("amount_units").toBigIntegerExact(), rs.getString("status"), rs.getString("tx_hash"),
                (Long) rs.getObject("block_number"), (Integer) rs.getObject("batch"));
    }

    private static StepView stepView(ResultSet rs, int row) throws SQLException {
        return new StepView(rs.getLong("epoch"), Step.of(rs.getString("step")), rs.getInt("attempt"),
                rs.getString("intent_id"), rs.getString("status"), rs.getString("failure"), rs.getString("tx_hash"),
                (Long) rs.getObject("block_number"), instant(rs.getTimestamp("updated_at")));
    }

    private static BigInteger units(java.math.BigDecimal units) {
        return units == null ? null : units.toBigIntegerExact();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
