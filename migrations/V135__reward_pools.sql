-- Reward pools (settlement.pool), kept by the 'settlement' processor from RewardPoolPostedEvent and
-- RewardPoolsSettledEvent and truncated with epoch_view when it is rebuilt. A pool's row is written
-- by whichever of its two events comes first, so posted_at and weight_count may be null for a moment.
CREATE TABLE pool_view (
    pool_id              VARCHAR(128) PRIMARY KEY,
    basis                VARCHAR(16)  NOT NULL,
    amount_units         NUMERIC(78)  NOT NULL,
    weight_count         INTEGER,
    posted_at            TIMESTAMPTZ,
    -- The epoch that paid the pool; null while it is pending.
    epoch                BIGINT,
    share_count          INTEGER,
    -- The last epoch that closed without splitting this GPU_SECONDS pool (it had no GPU-seconds).
    waited_through_epoch BIGINT
);

CREATE INDEX pool_view_by_epoch ON pool_view (epoch, pool_id) WHERE epoch IS NOT NULL;

-- Each account's share of each pool an epoch paid; shares of 0 are not recorded.
CREATE TABLE pool_share_view (
    epoch        BIGINT       NOT NULL,
    pool_id      VARCHAR(128) NOT NULL,
    account      VARCHAR(42)  NOT NULL,
    share_units  NUMERIC(78)  NOT NULL,
    PRIMARY KEY (epoch, pool_id, account)
);
