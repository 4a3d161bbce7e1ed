-- The chain gateway's memory (docs/CHAIN.md). Every transaction is signed and stored here
-- before it is sent, so that after any crash the worker resumes from these rows alone.

-- One nonce counter per signer and chain. Submissions lock the row (SELECT ... FOR UPDATE),
-- so two intents never get the same nonce and none is skipped. Initialised from the node's
-- eth_getTransactionCount(signer, 'pending') on first use.
CREATE TABLE chain_signer_nonce (
    chain_id       BIGINT      NOT NULL,
    signer_address VARCHAR(42) NOT NULL,
    next_nonce     BIGINT      NOT NULL CHECK (next_nonce >= 0),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (chain_id, signer_address)
);

-- One row per intent: what the caller asked to happen on-chain, once, and where it stands.
-- nonce is the nonce the intent currently uses; it changes only by the reorg rule in docs/CHAIN.md.
-- tx_hash, block_number and block_hash name the attempt found mined, while there is one.
-- version guards every update, so two workers never both act on one observation.
CREATE TABLE chain_intent (
    intent_id      VARCHAR(128) NOT NULL PRIMARY KEY,
    chain_id       BIGINT       NOT NULL,
    signer_address VARCHAR(42)  NOT NULL,
    to_address     VARCHAR(42)  NOT NULL,
    value_wei      NUMERIC(78)  NOT NULL CHECK (value_wei >= 0),
    data           TEXT         NOT NULL,
    gas_limit      BIGINT       NOT NULL CHECK (gas_limit > 0),
    status         VARCHAR(16)  NOT NULL
        CHECK (status IN ('PENDING', 'BROADCAST', 'MINED', 'CONFIRMED', 'REVERTED', 'FAILED')),
    nonce          BIGINT       NOT NULL CHECK (nonce >= 0),
    tx_hash        VARCHAR(66),
    block_number   BIGINT,
    block_hash     VARCHAR(66),
    receipt_ok     BOOLEAN,
    revert_reason  TEXT,
    failure        TEXT,
    reorg_count    INTEGER      NOT NULL DEFAULT 0,
    version        BIGINT       NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
-- A live nonce belongs to one intent. A FAILED intent's nonce goes to the filler that closes its gap.
CREATE UNIQUE INDEX chain_intent_one_nonce ON chain_intent (chain_id, signer_address, nonce)
    WHERE status <> 'FAILED';
CREATE INDEX chain_intent_unfinished ON chain_intent (chain_id, signer_address, nonce)
    WHERE status IN ('PENDING', 'BROADCAST', 'MINED');

-- Every signed transaction of an intent: the first, each fee-bumped replacement (same nonce),
-- and any re-signing under a new nonce after a reorg. All are kept, since any of them may be
-- the one that is mined. sent_at is null until a node has accepted the attempt once.
CREATE TABLE chain_tx_attempt (
    tx_hash                  VARCHAR(66)  NOT NULL PRIMARY KEY,
    intent_id                VARCHAR(128) NOT NULL REFERENCES chain_intent (intent_id),
    attempt                  INTEGER      NOT NULL CHECK (attempt >= 1),
    nonce                    BIGINT       NOT NULL CHECK (nonce >= 0),
    max_fee_per_gas          NUMERIC(78)  NOT NULL,
    max_priority_fee_per_gas NUMERIC(78)  NOT NULL,
    raw_tx                   TEXT         NOT NULL,
    created_at               TIMESTAMPTZ  NOT NULL DEFAULT now(),
    sent_at                  TIMESTAMPTZ,
    CONSTRAINT chain_tx_attempt_number UNIQUE (intent_id, attempt)
);
