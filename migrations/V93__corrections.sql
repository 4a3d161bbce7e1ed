-- Corrections (docs/MONEY.md "Corrections"). Adjustments credit or debit a lease's charges: the
-- lease keeps debits less credits in token units. Voids need no column: they take the voided
-- report's quantities and value out of gpu_seconds_recorded and usage_value.
ALTER TABLE lease_view ADD COLUMN adjustment_units NUMERIC(78) NOT NULL DEFAULT 0;

-- The negative amounts payout addresses carry out of each epoch into the next, from
-- EpochClosedEvent (the 'settlement' processor; truncated with epoch_view when it is rebuilt).
CREATE TABLE carried_view (
    epoch         BIGINT       NOT NULL,
    account       VARCHAR(42)  NOT NULL,
    carried_units NUMERIC(78)  NOT NULL CHECK (carried_units < 0),
    PRIMARY KEY (epoch, account)
);
