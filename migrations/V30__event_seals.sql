-- The tamper-evident chain over the event store. The sealer appends one row per event, in global
-- order, shortly after the event is committed:
--   event_hash = keccak256(canonical encoding of the stored event)        (docs/AUDIT.md)
--   chain_hash = keccak256(previous chain_hash || event_hash), starting from 32 zero bytes
-- Rewriting, deleting or inserting a sealed event no longer matches its seal, and rewriting the
-- seals too no longer matches the epoch roots anchored on-chain.
CREATE TABLE event_seal (
    global_index         BIGINT       NOT NULL PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    event_hash           BYTEA        NOT NULL,
    chain_hash           BYTEA        NOT NULL,
    sealed_at            TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX event_seal_event_identifier ON event_seal (event_identifier);
