-- Settlement read models, rebuilt from EpochClosedEvent and the epoch process's events by the
-- 'settlement' processor (truncate and reset its token to rebuild).

CREATE TABLE epoch_view (
    epoch             BIGINT       NOT NULL PRIMARY KEY,
    status            VARCHAR(16)  NOT NULL CHECK (status IN ('CLOSED', 'ANCHORED', 'PAID')),
    from_global_index BIGINT       NOT NULL,
    to_global_index   BIGINT       NOT NULL,
    event_count       BIGINT       NOT NULL,
    payout_count      INTEGER      NOT NULL,
    total_units       NUMERIC(78)  NOT NULL,
    payout_root       VARCHAR(66)  NOT NULL,
    events_root       VARCHAR(66)  NOT NULL,
    closed_at         TIMESTAMPTZ  NOT NULL,
    anchor_tx_hash    VARCHAR(66),
    anchor_block      BIGINT,
    anchored_at       TIMESTAMPTZ,
    paid_at           TIMESTAMPTZ
);

CREATE TABLE payout_view (
    epoch        BIGINT      NOT NULL,
    account      VARCHAR(42) NOT NULL,
    amount_units NUMERIC(78) NOT NULL,
    status       VARCHAR(16) NOT NULL CHECK (status IN ('PENDING', 'SUBMITTED', 'CONFIRMED', 'CLAIMED')),
    tx_hash      VARCHAR(66),
    block_number BIGINT,
    PRIMARY KEY (epoch, account)
);
