package io.gpuledger.settlement;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.settlement.api.Payout;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads epochs and payouts from the settlement views. */
@Component
class EpochViews {

    record EpochView(long epoch, String status, long fromGlobalIndex, long toGlobalIndex, long eventCount,
                     int payoutCount, BigInteger totalUnits, String payoutRoot, String eventsRoot, Instant closedAt,
                     String anchorTxHash, Long anchorBlock, Instant anchoredAt, Instant paidAt) {
    }

    record PayoutView(long epoch, String account, BigInteger amountUnits, String status, String txHash,
                      Long blockNumber) {

        Payout payout() {
            return new Payout(account, amountUnits);
        }
    }

    private final JdbcTemplate jdbc;

    EpochViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    EpochView epoch(long epoch) {
        List<EpochView> found = jdbc.query("SELECT * FROM epoch_view WHERE epoch = ?", EpochViews::epochView, epoch);
        if (found.isEmpty()) {
            throw new LedgerRejection(RejectionCode.EPOCH_NOT_FOUND, "no epoch " + epoch);
        }
        return found.get(0);
    }

    List<EpochView> epochs() {
        return jdbc.query("SELECT * FROM epoch_view ORDER BY epoch DESC LIMIT 1000", EpochViews::epochView);
    }

    /** The epoch's payouts in account order, the order their Merkle tree is built from. */
    List<PayoutView> payouts(long epoch) {
        epoch(epoch);
        return jdbc.query("SELECT * FROM payout_view WHERE epoch = ? ORDER BY account COLLATE \"C\"", EpochViews::payoutView, epoch);
    }

    private static EpochView epochView(ResultSet rs, int row) throws SQLException {
        return new EpochView(rs.getLong("epoch"), rs.getString("status"), rs.getLong("from_global_index"),
                rs.getLong("to_global_index"), rs.getLong("event_count"), rs.getInt("payout_count"),
                rs.getBigDecimal("total_units").toBigIntegerExact(), rs.getString("payout_root"),
                rs.getString("events_root"), instant(rs.getTimestamp("closed_at")), rs.getString("anchor_tx_hash"),
                (Long) rs.getObject("anchor_block"), instant(rs.getTimestamp("anchored_at")),
                instant(rs.getTimestamp("paid_at")));
    }

    private static PayoutView payoutView(ResultSet rs, int row) throws SQLException {
        return new PayoutView(rs.getLong("epoch"), rs.getString("account"),
                rs.getBigDecimal("amount_units").toBigIntegerExact(), rs.getString("status"), rs.getString("tx_hash"),
                (Long) rs.getObject("block_number"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
