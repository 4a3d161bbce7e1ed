-- The epoch process after the close (docs/ARCHITECTURE.md, "Settlement epochs"): anchoring, funding
-- the distributor, pushing payouts in batches, claims picked up from the chain. The views below are
-- projections of the SettlementEpoch aggregate's events, kept by the 'settlement' processor and
-- truncated with epoch_view and payout_view when it is reset.

-- What the process has recorded about an epoch beyond its close.
ALTER TABLE epoch_view
    ADD COLUMN anchor_requested_at TIMESTAMPTZ,
    ADD COLUMN fund_tx_hash        VARCHAR(66),
    ADD COLUMN fund_block          BIGINT,
    ADD COLUMN funded_at           TIMESTAMPTZ,
    ADD COLUMN funding_mode        VARCHAR(16),
    -- Recorded once, when pushing starts: batches never change for the epoch afterwards.
    ADD COLUMN push_batch_size     INTEGER,
    ADD COLUMN push_batch_count    INTEGER,
    ADD COLUMN push_started_at     TIMESTAMPTZ;

-- The batch a payout is pushed in (1-based), once pushing has started.
ALTER TABLE payout_view ADD COLUMN batch INTEGER;

-- One row per step of an epoch's process: 'anchor', 'fund', 'batch-1', 'batch-2', ...
-- intent_id names the chain intent of the step's current attempt; a failed step waits for an
-- operator to retry it, which starts the next attempt under a new intent id.
CREATE TABLE epoch_step_view (
    epoch        BIGINT       NOT NULL,
    step         VARCHAR(32)  NOT NULL,
    attempt      INTEGER      NOT NULL CHECK (attempt >= 1),
    intent_id    VARCHAR(128) NOT NULL,
    status       VARCHAR(16)  NOT NULL CHECK (status IN ('OPEN', 'SUBMITTED', 'CONFIRMED', 'FAILED')),
    failure      TEXT,
    tx_hash      VARCHAR(66),
    block_number BIGINT,
    updated_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (epoch, step)
);

-- The driver looks only at epochs whose process was started and is not finished.
CREATE INDEX epoch_view_unfinished ON epoch_view (epoch)
    WHERE anchor_requested_at IS NOT NULL AND status <> 'PAID';

-- Where the claim watcher has read the distributor's PayoutPaid logs up to: the next block to read.
-- Not a projection: it survives a rebuild of the views, and claims already recorded are ignored.
CREATE TABLE settlement_log_cursor (
    chain_id    BIGINT      NOT NULL,
    contract    VARCHAR(42) NOT NULL,
    next_block  BIGINT      NOT NULL CHECK (next_block >= 0),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (chain_id, contract)
);
