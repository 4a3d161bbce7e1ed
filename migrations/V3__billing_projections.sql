-- Billing read models. Rebuildable at any time from domain_event_entry:
-- truncate these tables and reset the 'billing' processor's token.

CREATE TABLE lease_view (
    marketplace_id            VARCHAR(64)  NOT NULL,
    lease_id                  VARCHAR(64)  NOT NULL,
    provider_id               VARCHAR(64)  NOT NULL,
    provider_payout_address   VARCHAR(42)  NOT NULL,
    tenant_id                 VARCHAR(64)  NOT NULL,
    gpu_model                 VARCHAR(64)  NOT NULL,
    gpu_count                 INTEGER      NOT NULL,
    price_units_per_gpu_hour  NUMERIC(78)  NOT NULL,
    marketplace_fee_bps       INTEGER      NOT NULL,
    starts_at                 TIMESTAMPTZ  NOT NULL,
    ends_at                   TIMESTAMPTZ,
    state                     VARCHAR(8)   NOT NULL,
    closed_at                 TIMESTAMPTZ,
    close_reason              VARCHAR(32),
    gpu_seconds_recorded      BIGINT       NOT NULL DEFAULT 0,
    -- Σ gpuSeconds × priceUnitsPerGpuHour: the exact charge times 3600 (see docs/MONEY.md).
    usage_value               NUMERIC(100) NOT NULL DEFAULT 0,
    opened_at                 TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (marketplace_id, lease_id)
);
CREATE INDEX lease_view_provider ON lease_view (provider_id);
CREATE INDEX lease_view_tenant ON lease_view (tenant_id);

-- One row per accepted usage report: the basis of statements over a period. Statements read a
-- lease's lines through the primary key's (marketplace_id, lease_id) prefix; no other index is
-- kept, since every index is paid for on the usage path.
CREATE TABLE usage_line (
    marketplace_id VARCHAR(64)  NOT NULL,
    lease_id       VARCHAR(64)  NOT NULL,
    report_id      VARCHAR(128) NOT NULL,
    period_start   TIMESTAMPTZ  NOT NULL,
    period_end     TIMESTAMPTZ  NOT NULL,
    gpu_seconds    BIGINT       NOT NULL,
    usage_value    NUMERIC(100) NOT NULL,
    PRIMARY KEY (marketplace_id, lease_id, report_id)
);
