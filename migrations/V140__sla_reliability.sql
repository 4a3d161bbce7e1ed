-- The reliability view of leases with an SLA (processor 'billing', truncated with lease_view when
-- it is rebuilt): each such lease with its terms and how far its windows are closed, its downtime
-- reports, and each window closed with its uptime and credit. No lease had an SLA before this
-- version, so nothing needs replaying. next_window_end is when the lease's first window not yet
-- closed ends (null once all are closed): the epoch close asks for the leases due by its
-- accrueThrough through the partial index.
CREATE TABLE sla_lease (
    marketplace_id     VARCHAR(128) NOT NULL,
    lease_id           VARCHAR(128) NOT NULL,
    provider_id        VARCHAR(128) NOT NULL,
    starts_at          TIMESTAMPTZ  NOT NULL,
    ends_at            TIMESTAMPTZ,
    closed_at          TIMESTAMPTZ,
    uptime_target_bps  INTEGER      NOT NULL,
    closed_through     TIMESTAMPTZ,
    next_window_end    TIMESTAMPTZ,
    PRIMARY KEY (marketplace_id, lease_id)
);
CREATE INDEX sla_lease_provider ON sla_lease (provider_id, marketplace_id, lease_id);
CREATE INDEX sla_lease_due ON sla_lease (next_window_end) WHERE next_window_end IS NOT NULL;

CREATE TABLE sla_downtime (
    marketplace_id  VARCHAR(128) NOT NULL,
    lease_id        VARCHAR(128) NOT NULL,
    report_id       VARCHAR(128) NOT NULL,
    down_from       TIMESTAMPTZ  NOT NULL,
    down_to         TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (marketplace_id, lease_id, report_id)
);

CREATE TABLE sla_window (
    marketplace_id        VARCHAR(128) NOT NULL,
    lease_id              VARCHAR(128) NOT NULL,
    window_month          CHAR(7)      NOT NULL,
    window_start          TIMESTAMPTZ  NOT NULL,
    window_end            TIMESTAMPTZ  NOT NULL,
    active_seconds        BIGINT       NOT NULL,
    down_seconds          BIGINT       NOT NULL,
    uptime_bps            INTEGER      NOT NULL,
    credit_bps            INTEGER      NOT NULL,
    window_charged_units  NUMERIC(78)  NOT NULL,
    credit_units          NUMERIC(78)  NOT NULL,
    PRIMARY KEY (marketplace_id, lease_id, window_month)
);
