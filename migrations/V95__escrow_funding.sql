-- Prepaid payouts funded from the escrow's deposits (docs/MONEY.md "Prepaid payouts from the escrow",
-- docs/ARCHITECTURE.md "Funding"). Both columns are kept by the 'settlement' processor: what the
-- epoch's close assigned to the escrow (EpochClosedEvent; 0 for epochs closed before, which is what
-- their events read as, so the rows need no rebuild), and what its funding released from it
-- (EpochFundedEvent; null until the epoch is funded).
ALTER TABLE epoch_view
    ADD COLUMN escrow_funded_units   NUMERIC(78) NOT NULL DEFAULT 0 CHECK (escrow_funded_units >= 0),
    ADD COLUMN escrow_released_units NUMERIC(78) CHECK (escrow_released_units >= 0),
    ADD COLUMN escrow_tx_hash        VARCHAR(66);
