package io.gpuledger.settlement.pool.view;

import io.gpuledger.settlement.api.PoolBasis;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/** Reads reward pools, the pools each epoch paid, and their shares. */
@Component
public class PoolViews {

    /** A pool; {@code epoch} is the epoch that paid it, null while pending. */
    public record PoolView(String poolId, PoolBasis basis, BigInteger amountUnits, Integer weightCount,
                           Instant postedAt, Long epoch, Integer shareCount, Long waitedThroughEpoch) {
    }

    public record ShareView(String account, BigInteger shareUnits) {
    }

    private final JdbcTemplate jdbc;

    PoolViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<PoolView> pool(String poolId) {
        return jdbc.query("SELECT * FROM pool_view WHERE pool_id = ?", PoolViews::poolView, poolId).stream().findFirst();
    }

    /** The pools the epoch paid, by id. */
    public List<PoolView> paidIn(long epoch) {
        return jdbc.query("SELECT * FROM pool_view WHERE epoch = ? ORDER BY pool_id COLLATE \"C\"", PoolViews::poolView,
                epoch);
    }

    /** Up to {@code limit} shares of a pool the epoch paid, to accounts after {@code afterAccount}, in account order. */
    public List<ShareView> shares(long epoch, String poolId, String afterAccount, int limit) {
        return jdbc.query("""
                SELECT account, share_units FROM pool_share_view WHERE epoch = ? AND pool_id = ? AND account COLLATE "C" > ?
                ORDER BY account COLLATE "C" LIMIT ?
                """, (rs, row) -> new ShareView(rs.getString(1), rs.getBigDecimal(2).toBigIntegerExact()), epoch, poolId,
                afterAccount == null ? "" : afterAccount, limit);
    }

    /**
     * The pool shares the epoch paid to each of these accounts, summed over its pools, by lower-case
     * account; an account without a share is left out.
     */
    public Map<String, BigInteger> sharesOf(long epoch, Collection<String> accounts) {
        Map<String, BigInteger> shares = new HashMap<>();
        if (accounts.isEmpty()) {
            return shares;
        }
        String[] lower = accounts.stream().map(a -> a.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        jdbc.query(connection -> {
            PreparedStatement query = connection.prepareStatement("""
                    SELECT lower(account), SUM(share_units) FROM pool_share_view
                    WHERE epoch = ? AND lower(account) = ANY (?) GROUP BY lower(account)
                    """);
            query.setLong(1, epoch);
            query.setArray(2, connection.createArrayOf("text", lower));
            return query;
        }, (RowCallbackHandler) rs -> shares.put(rs.getString(1), rs.getBigDecimal(2).toBigIntegerExact()));
        return shares;
    }

    private static PoolView poolView(ResultSet rs, int row) throws SQLException {
        Timestamp postedAt = rs.getTimestamp("posted_at");
        return new PoolView(rs.getString("pool_id"), PoolBasis.valueOf(rs.getString("basis")),
                rs.getBigDecimal("amount_units").toBigIntegerExact(), (Integer) rs.getObject("weight_count"),
                postedAt == null ? null : postedAt.toInstant(), (Long) rs.getObject("epoch"),
                (Integer) rs.getObject("share_count"), (Long) rs.getObject("waited_through_epoch"));
    }
}
