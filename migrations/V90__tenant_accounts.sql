-- Prepaid leases and tenant accounts (docs/MONEY.md "Tenant accounts"). Leases stored before this
-- are postpaid. Both new tables are projections of the tenant accounts' events (the 'accounts'
-- processor): deleting its token rebuilds them.
ALTER TABLE lease_view ADD COLUMN billing VARCHAR(16) NOT NULL DEFAULT 'POSTPAID'
    CHECK (billing IN ('POSTPAID', 'PREPAID'));

CREATE TABLE tenant_balance (
    marketplace_id VARCHAR(128) NOT NULL,
    tenant_id      VARCHAR(128) NOT NULL,
    deposits_units NUMERIC(78)  NOT NULL,
    credits_units  NUMERIC(78)  NOT NULL,
    charges_units  NUMERIC(78)  NOT NULL,
    held_units     NUMERIC(78)  NOT NULL,
    PRIMARY KEY (marketplace_id, tenant_id)
);

-- A lease's charges held while its tenant was overdrawn and not released yet.
CREATE TABLE lease_held (
    marketplace_id VARCHAR(128) NOT NULL,
    lease_id       VARCHAR(128) NOT NULL,
    held_units     NUMERIC(78)  NOT NULL,
    PRIMARY KEY (marketplace_id, lease_id)
);
