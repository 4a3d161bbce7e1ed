-- Leases priced by kind (docs/MONEY.md, "Pricing kinds"). A capacity lease has no price per
-- GPU-hour; it keeps its capacity, its rates in force now, the energy recorded and its fee accrued.
-- Its usage_value and capacity_fee_value are over 3,600,000 (value_denominator), a GPU-hour lease's
-- over 3600 as before: the billing projection divides each lease's values by its own denominator.
ALTER TABLE lease_view
    ALTER COLUMN price_units_per_gpu_hour DROP NOT NULL,
    ADD COLUMN pricing_kind          TEXT        NOT NULL DEFAULT 'GPU_HOUR',
    ADD COLUMN capacity_kw           BIGINT,
    ADD COLUMN fee_units_per_hour    NUMERIC(78),
    ADD COLUMN energy_units_per_kwh  NUMERIC(78),
    ADD COLUMN value_denominator     BIGINT      NOT NULL DEFAULT 3600,
    ADD COLUMN energy_wh_recorded    BIGINT      NOT NULL DEFAULT 0,
    ADD COLUMN capacity_fee_value    NUMERIC(78) NOT NULL DEFAULT 0,
    ADD COLUMN fee_accrued_through   TIMESTAMPTZ;

-- The capacity leases an epoch close accrues fees for: added by the close from the lease openings
-- in its range, bounded by their closes and ends, and left out once accrued through their end.
-- The events hold the money; this table only spares a close a scan of every lease ever opened.
CREATE TABLE capacity_accrual (
    marketplace_id  TEXT        NOT NULL,
    lease_id        TEXT        NOT NULL,
    accrues_until   TIMESTAMPTZ,
    PRIMARY KEY (marketplace_id, lease_id)
);
