-- Statements show corrections and tenant account movements (docs/MONEY.md "Statements and
-- corrections"). Both tables are projections of the 'billing' processor, truncated with lease_view
-- when it is rebuilt.
--
-- A lease's voids and adjustments, each placed at the time that puts it in a statement window: a
-- void at its report's periodStart (with the report's GPU-seconds and usage value), an adjustment
-- at when it was recorded (debits positive, credits negative, in token units).
CREATE TABLE lease_correction (
    lease_ref        BIGINT       NOT NULL,
    sequence_number  BIGINT       NOT NULL,
    placed_at        TIMESTAMPTZ  NOT NULL,
    gpu_seconds      BIGINT       NOT NULL,
    usage_value      NUMERIC      NOT NULL,
    adjustment_units NUMERIC(78)  NOT NULL,
    PRIMARY KEY (lease_ref, sequence_number)
);

-- What each event of a tenant account moved, at when it was recorded: a tenant statement's opening
-- and closing balances are the sums before and after its window.
CREATE TABLE tenant_movement (
    marketplace_id  VARCHAR(128) NOT NULL,
    tenant_id       VARCHAR(128) NOT NULL,
    sequence_number BIGINT       NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    deposits_units  NUMERIC(78)  NOT NULL,
    credits_units   NUMERIC(78)  NOT NULL,
    charges_units   NUMERIC(78)  NOT NULL,
    held_units      NUMERIC(78)  NOT NULL,
    released_units  NUMERIC(78)  NOT NULL,
    PRIMARY KEY (marketplace_id, tenant_id, sequence_number)
);
-- Auditors read a tenant's accounts in every marketplace.
CREATE INDEX tenant_movement_by_tenant ON tenant_movement (tenant_id);

-- Corrections and deposits already stored have no rows here: the billing views are rebuilt, as V70
-- did. Statements are current once the billing processor has caught up.
TRUNCATE lease_view, usage_event_lines;
DELETE FROM token_entry WHERE processor_name = 'billing';
