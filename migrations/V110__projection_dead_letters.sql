-- Axon's JDBC sequenced dead-letter queue for the projections (config.ProjectionErrorConfig), in
-- snake_case, created here rather than by Axon at run time. An event whose handler fails is kept
-- here with its cause, and every later event of the same aggregate (its sequence) is queued behind
-- it, so that one poisoned event stops its aggregate's sequence in that projection, not the
-- projection. Timestamps are VARCHAR because Axon writes and compares them as ISO-8601 text
-- (fixed width, so text order is time order); payloads are BYTEA JSON as in domain_event_entry.
CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255)  NOT NULL PRIMARY KEY,
    processing_group     VARCHAR(255)  NOT NULL,
    sequence_identifier  VARCHAR(255)  NOT NULL,
    sequence_index       BIGINT        NOT NULL,
    message_type         VARCHAR(255)  NOT NULL,
    event_identifier     VARCHAR(255)  NOT NULL,
    time_stamp           VARCHAR(255)  NOT NULL,
    payload_type         VARCHAR(255)  NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA         NOT NULL,
    meta_data            BYTEA,
    aggregate_type       VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          VARCHAR(255)  NOT NULL,
    last_touched         VARCHAR(255),
    processing_started   VARCHAR(255),
    cause_type           VARCHAR(255),
    cause_message        VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT dead_letter_entry_sequence UNIQUE (processing_group, sequence_identifier, sequence_index)
);
-- The operator's list pages through a group's letters by when they were enqueued.
CREATE INDEX dead_letter_entry_group_enqueued ON dead_letter_entry (processing_group, enqueued_at, dead_letter_id);
