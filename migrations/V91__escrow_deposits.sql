-- Deposits into the prepaid escrow (docs/CONTRACTS.md "Prepaid deposits"). The follower's cursor is
-- a row of settlement_log_cursor under the escrow's address.

-- The account key of every tenant the ledger knows, keccak256(marketplaceId "/" tenantId), which
-- PostgreSQL cannot compute: a Deposited log names its tenant only by this key. A projection of the
-- events that make a tenant known (a lease opened, a deposit recorded; the 'escrow-accounts'
-- processor), so it holds the tenants of lease_view and tenant_balance; deleting its token rebuilds it.
CREATE TABLE escrow_account (
    account        BYTEA        PRIMARY KEY CHECK (length(account) = 32),
    marketplace_id VARCHAR(128) NOT NULL,
    tenant_id      VARCHAR(128) NOT NULL
);

-- Confirmed Deposited logs whose account named no known tenant when the follower read them. Kept
-- until the tenant becomes known, then credited (credited_at set; the row stays for the record).
-- Not a projection: the chain is its source, and the follower reads past these logs.
CREATE TABLE escrow_unmatched_deposit (
    deposit_id     VARCHAR(128) PRIMARY KEY,  -- chain:<txHash>:<logIndex>
    account        BYTEA        NOT NULL CHECK (length(account) = 32),
    depositor      VARCHAR(42)  NOT NULL,
    amount_units   NUMERIC(78)  NOT NULL CHECK (amount_units > 0),
    block_number   BIGINT       NOT NULL,
    tx_hash        VARCHAR(66)  NOT NULL,
    log_index      BIGINT       NOT NULL,
    seen_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    credited_at    TIMESTAMPTZ,
    marketplace_id VARCHAR(128),
    tenant_id      VARCHAR(128),
    CHECK ((credited_at IS NULL) = (tenant_id IS NULL))
);
-- Each round looks for waiting deposits whose tenant has become known.
CREATE INDEX escrow_unmatched_waiting ON escrow_unmatched_deposit (account) WHERE credited_at IS NULL;
