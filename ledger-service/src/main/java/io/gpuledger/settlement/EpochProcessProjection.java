package io.gpuledger.settlement;

import io.gpuledger.settlement.api.EpochAnchorRequestedEvent;
import io.gpuledger.settlement.api.EpochAnchoredEvent;
import io.gpuledger.settlement.api.EpochFundedEvent;
import io.gpuledger.settlement.api.EpochPaidEvent;
import io.gpuledger.settlement.api.EpochStepFailedEvent;
import io.gpuledger.settlement.api.EpochStepRetriedEvent;
import io.gpuledger.settlement.api.PayoutBatchConfirmedEvent;
import io.gpuledger.settlement.api.PayoutBatchSubmittedEvent;
import io.gpuledger.settlement.api.PayoutClaimedEvent;
import io.gpuledger.settlement.api.PayoutPushStartedEvent;
import io.gpuledger.settlement.api.Step;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the process columns of epoch_view, the payout statuses of payout_view and epoch_step_view
 * from the SettlementEpoch aggregate's events. It runs in the 'settlement' processor with
 * {@link SettlementProjection}, so an epoch's row exists (its close came first) when these arrive.
 */
@Component
@ProcessingGroup(SettlementProjection.PROCESSING_GROUP)
class EpochProcessProjection {

    private final JdbcTemplate jdbc;

    EpochProcessProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EpochAnchorRequestedEvent e, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("UPDATE epoch_view SET anchor_requested_at = ? WHERE epoch = ?", Timestamp.from(at), e.epoch());
        openStep(e.epoch(), Step.ANCHOR, at);
    }

    @EventHandler
    void on(EpochAnchoredEvent e, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                UPDATE epoch_view SET status = 'ANCHORED', anchor_tx_hash = ?, anchor_block = ?, anchored_at = ?
                WHERE epoch = ? AND status = 'CLOSED'
                """, e.txHash(), e.blockNumber(), Timestamp.from(at), e.epoch());
        confirmStep(e.epoch(), Step.ANCHOR, e.txHash(), e.blockNumber(), at);
        if (e.totalUnits().signum() > 0) {
            openStep(e.epoch(), Step.FUND, at);
        }
    }

    @EventHandler
    void on(EpochFundedEvent e, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("UPDATE epoch_view SET fund_tx_hash = ?, fund_block = ?, funded_at = ?, funding_mode = ?, "
                + "escrow_released_units = ?, escrow_tx_hash = ? WHERE epoch = ?", e.txHash(), e.blockNumber(),
                Timestamp.from(at), e.mode().name(), new java.math.BigDecimal(e.escrowReleasedUnitsOrZero()),
                e.escrowTxHash(), e.epoch());
        confirmStep(e.epoch(), Step.FUND, e.txHash(), e.blockNumber(), at);
    }

    @EventHandler
    void on(PayoutPushStartedEvent e, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("UPDATE epoch_view SET push_batch_size = ?, push_batch_count = ?, push_started_at = ? WHERE epoch = ?",
                e.batchSize(), e.batchCount(), Timestamp.from(at), e.epoch());
        // The same cut as the aggregate's: ascending address, batchSize at a time.
        jdbc.update("""
                UPDATE payout_view p SET batch = r.batch
                FROM (SELECT account, (ROW_NUMBER() OVER (ORDER BY lower(account) COLLATE "C") - 1) / ? + 1 AS batch
                      FROM payout_view WHERE epoch = ?) r
                WHERE p.epoch = ? AND p.account = r.account
                """, e.batchSize(), e.epoch(), e.epoch());
        for (int batch = 1; batch <= e.batchCount(); batch++) {
            openStep(e.epoch(), Step.batch(batch), at);
        }
    }

    @EventHandler
    void on(PayoutBatchSubmittedEvent e, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("UPDATE epoch_step_view SET status = 'SUBMITTED', intent_id = ?, updated_at = ? "
                + "WHERE epoch = ? AND step = ? AND status = 'OPEN'", e.intentId(), Timestamp.from(at), e.epoch(),
                Step.batch(e.batch()).name());
        jdbc.batchUpdate("UPDATE payout_view SET status = 'SUBMITTED' WHERE epoch = ? AND account = ? AND status = 'PENDING'",
                e.accounts(), 1000, (ps, account) -> {
                    ps.setLong(1, e.epoch());
                    ps.setString(2, account);
                });
    }

    @EventHandler
    void on(PayoutBatchConfirmedEvent e, @org.axonframework.eventhandling.Timestamp Instant at) {
        confirmStep(e.epoch(), Step.batch(e.batch()), e.txHash(), e.blockNumber(), at);
        jdbc.batchUpdate("UPDATE payout_view SET status = 'CONFIRMED', tx_hash = ?, block_number = ? "
                + "WHERE epoch = ? AND account = ?", e.paid(), 1000, (ps, payout) -> {
                    ps.setString(1, e.txHash());
                    ps.setLong(2, e.blockNumber());
                    ps.setLong(3, e.epoch());
                    ps.setString(4, payout.account());
                });
    }

    @EventHandler
    void on(PayoutClaimedEvent e) {
        jdbc.update("UPDATE payout_view SET status = 'CLAIMED', tx_hash = ?, block_number = ? WHERE epoch = ? AND account = ?",
                e.txHash(), e.blockNumber(), e.epoch(), e.account());
    }

    @EventHandler
    void on(EpochPaidEvent e, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("UPDATE epoch_view SET status = 'PAID', paid_at = ? WHERE epoch = ?", Timestamp.from(at), e.epoch());
    }

    @EventHandler
    void on(EpochStepFailedEvent e, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("UPDATE epoch_step_view SET status = 'FAILED', failure = ?, tx_hash = ?, updated_at = ? "
                + "WHERE epoch = ? AND step = ?", e.outcome().name() + ": " + e.reason(), e.txHash(), Timestamp.from(at),
                e.epoch(), e.step().name());
        if (e.step() instanceof Step.Batch batch) {
            // Nothing of the batch was paid: its accounts wait again.
            jdbc.update("UPDATE payout_view SET status = 'PENDING' WHERE epoch = ? AND batch = ? AND status = 'SUBMITTED'",
                    e.epoch(), batch.number());
        }
    }

    @EventHandler
    void on(EpochStepRetriedEvent e, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("UPDATE epoch_step_view SET status = 'OPEN', attempt = ?, intent_id = ?, failure = NULL, "
                + "tx_hash = NULL, updated_at = ? WHERE epoch = ? AND step = ?", e.attempt(), e.intentId(), Timestamp.from(at), e.epoch(),
                e.step().name());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE epoch_step_view");
    }

    private void openStep(long epoch, Step step, Instant at) {
        jdbc.update("INSERT INTO epoch_step_view (epoch, step, attempt, intent_id, status, updated_at) "
                + "VALUES (?, ?, 1, ?, 'OPEN', ?) ON CONFLICT DO NOTHING", epoch, step.name(),
                step.intentId(epoch, 1), Timestamp.from(at));
    }

    private void confirmStep(long epoch, Step step, String txHash, long blockNumber, Instant at) {
        jdbc.update("UPDATE epoch_step_view SET status = 'CONFIRMED', tx_hash = ?, block_number = ?, updated_at = ? "
                + "WHERE epoch = ? AND step = ?", txHash, blockNumber, Timestamp.from(at), epoch, step.name());
    }
}
