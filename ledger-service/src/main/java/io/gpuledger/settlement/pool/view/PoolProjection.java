package io.gpuledger.settlement.pool.view;

import io.gpuledger.settlement.api.PoolShare;
import io.gpuledger.settlement.api.RewardPoolPostedEvent;
import io.gpuledger.settlement.api.RewardPoolsSettledEvent;
import io.gpuledger.settlement.api.SettledPool;
import io.gpuledger.settlement.api.WaitingPool;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps pool_view and pool_share_view in the 'settlement' processor, beside the epochs' views, so that
 * an epoch and the pools it paid are rebuilt together. Every write sets values rather than adds them,
 * so an event applied twice changes nothing.
 */
@Component
@ProcessingGroup("settlement")
class PoolProjection {

    private final JdbcTemplate jdbc;

    PoolProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RewardPoolPostedEvent e, @org.axonframework.eventhandling.Timestamp Instant postedAt) {
        jdbc.update("""
                INSERT INTO pool_view AS p (pool_id, basis, amount_units, weight_count, posted_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (pool_id) DO UPDATE SET weight_count = excluded.weight_count, posted_at = excluded.posted_at
                """, e.poolId(), e.basis().name(), new BigDecimal(e.amountUnits()), e.weights().size(),
                Timestamp.from(postedAt));
    }

    @EventHandler
    void on(RewardPoolsSettledEvent e) {
        for (SettledPool pool : e.pools()) {
            jdbc.update("""
                    INSERT INTO pool_view AS p (pool_id, basis, amount_units, epoch, share_count) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (pool_id) DO UPDATE SET epoch = excluded.epoch, share_count = excluded.share_count
                    """, pool.poolId(), pool.basis().name(), new BigDecimal(pool.amountUnits()), e.epoch(),
                    pool.shares().size());
        }
        for (WaitingPool pool : e.waiting()) {
            jdbc.update("""
                    INSERT INTO pool_view AS p (pool_id, basis, amount_units, waited_through_epoch) VALUES (?, 'GPU_SECONDS', ?, ?)
                    ON CONFLICT (pool_id) DO UPDATE SET waited_through_epoch = excluded.waited_through_epoch
                    """, pool.poolId(), new BigDecimal(pool.amountUnits()), e.epoch());
        }
        List<Object[]> shares = new ArrayList<>();
        for (SettledPool pool : e.pools()) {
            for (PoolShare share : pool.shares()) {
                shares.add(new Object[] {e.epoch(), pool.poolId(), share.account(), new BigDecimal(share.shareUnits())});
            }
        }
        jdbc.batchUpdate("INSERT INTO pool_share_view (epoch, pool_id, account, share_units) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", shares);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE pool_view, pool_share_view");
    }
}
