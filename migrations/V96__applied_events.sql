-- The events that additive projections applied (platform.AppliedEvents): a batch applied twice by
-- two processors fails on this key instead of adding its amounts twice. Only projections that add
-- (tenant balances, held units, lease corrections) record here; the usage path's own tables are
-- protected by their primary keys already.
CREATE TABLE applied_event (
    projection   VARCHAR(64) NOT NULL,
    global_index BIGINT      NOT NULL,
    PRIMARY KEY (projection, global_index)
);
