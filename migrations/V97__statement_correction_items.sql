-- Statements itemize corrections (docs/API.md, "Statements"): each void with the report it voided and
-- why, each adjustment with its id, kind and reason, and the units each moved. lease_correction keeps,
-- beside what places a correction in a window, what identifies it and the slice its event recorded.
--
-- Rows written before this migration lack these columns, and a void's reason or period end cannot
-- be derived from the row: the billing views are rebuilt from the events, as V70 and V94 did.
-- The corrections' applied events (V96) are forgotten with them, as the processor's reset would.
TRUNCATE lease_view, usage_event_lines, lease_correction, tenant_movement;
DELETE FROM applied_event WHERE projection = 'lease-corrections';
DELETE FROM token_entry WHERE processor_name = 'billing';

ALTER TABLE lease_correction
    ADD COLUMN correction      VARCHAR(10)  NOT NULL CHECK (correction IN ('VOID', 'ADJUSTMENT')),
    ADD COLUMN correction_id   VARCHAR(128) NOT NULL,
    ADD COLUMN adjustment_kind VARCHAR(6)   CHECK ((correction = 'ADJUSTMENT') = (adjustment_kind IS NOT NULL)),
    ADD COLUMN reason          TEXT         NOT NULL,
    ADD COLUMN recorded_at     TIMESTAMPTZ  NOT NULL,
    ADD COLUMN period_end      TIMESTAMPTZ  CHECK ((correction = 'VOID') = (period_end IS NOT NULL)),
    ADD COLUMN charged_units   NUMERIC(78)  NOT NULL,
    ADD COLUMN fee_units       NUMERIC(78)  NOT NULL,
    ADD COLUMN provider_units  NUMERIC(78)  NOT NULL;
