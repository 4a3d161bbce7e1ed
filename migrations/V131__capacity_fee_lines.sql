-- V131: a capacity lease's fee accruals, one line each, for statements: a window counts an accrual
-- whose span starts in it (as usage by its periodStart), so windows add up to the lease's totals.
-- fee_value is over the lease's value_denominator (3,600,000). Kept by the billing projection.
CREATE TABLE capacity_fee_line (
    lease_ref       BIGINT       NOT NULL,
    accrued_from    TIMESTAMPTZ  NOT NULL,
    accrued_through TIMESTAMPTZ  NOT NULL,
    fee_value       NUMERIC(100) NOT NULL,
    PRIMARY KEY (lease_ref, accrued_from)
);
