-- Signed usage each epoch left out (in its dispute window, or disputed) and the withheld usage of
-- earlier epochs it paid, from EpochClosedEvent (the 'settlement' processor; truncated with
-- epoch_view when it is rebuilt). Epochs closed before usage was signed left nothing out.
CREATE TABLE withheld_usage_view (
    epoch           BIGINT       NOT NULL,
    released        BOOLEAN      NOT NULL,
    marketplace_id  VARCHAR(128) NOT NULL,
    lease_id        VARCHAR(128) NOT NULL,
    report_id       VARCHAR(128) NOT NULL,
    reason          VARCHAR(32)  NOT NULL,
    provider_units  NUMERIC(78)  NOT NULL,
    window_ends_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (epoch, released, marketplace_id, lease_id, report_id)
);
