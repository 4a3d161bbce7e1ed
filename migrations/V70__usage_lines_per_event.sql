-- usage_line held one row per accepted report under a key of three text columns, and writing that
-- row and its key was the largest part of PostgreSQL's work per report (docs/PERFORMANCE.md). Its
-- successor holds one row per usage event, the reports a lease accepted in one request, under the
-- lease's number and the event's sequence number, with the three things a statement reads of each
-- report (period start, GPU-seconds, usage value) as parallel arrays in the event's order.
--
-- Existing lines carry no event sequence numbers, so the billing views are rebuilt rather than
-- converted: both are emptied and the billing processor's token removed, and at the next start the
-- processor projects the event store again from its first event. Statements are current once it
-- has caught up.
ALTER TABLE lease_view ADD COLUMN lease_ref BIGINT GENERATED ALWAYS AS IDENTITY;
ALTER TABLE lease_view ADD CONSTRAINT lease_view_lease_ref UNIQUE (lease_ref);

DROP TABLE usage_line;

-- Periods never overlap within a lease and an event's sequence number is unique within it, so a row
-- projected twice fails on the primary key instead of doubling a statement.
CREATE TABLE usage_event_lines (
    lease_ref       BIGINT        NOT NULL,
    sequence_number BIGINT        NOT NULL,
    period_starts   TIMESTAMPTZ[] NOT NULL,
    gpu_seconds     BIGINT[]      NOT NULL,
    usage_values    NUMERIC[]     NOT NULL,
    PRIMARY KEY (lease_ref, sequence_number)
);

TRUNCATE lease_view;
DELETE FROM token_entry WHERE processor_name = 'billing';
