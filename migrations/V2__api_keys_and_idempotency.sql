-- API keys are stored as SHA-256 hashes; the plain key is shown once, never kept.
CREATE TABLE api_key (
    key_hash       BYTEA        NOT NULL PRIMARY KEY,
    marketplace_id VARCHAR(64)  NOT NULL,
    role           VARCHAR(16)  NOT NULL CHECK (role IN ('MARKETPLACE', 'AUDITOR', 'OPERATOR')),
    label          VARCHAR(128),
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- One row per (caller scope, Idempotency-Key). Written in the same transaction as the
-- events a request appends, so a response is replayable exactly when its effects exist.
CREATE TABLE idempotency_record (
    scope           VARCHAR(64)  NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    BYTEA        NOT NULL,
    response_status INTEGER      NOT NULL,
    response_body   TEXT         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, idempotency_key)
);
