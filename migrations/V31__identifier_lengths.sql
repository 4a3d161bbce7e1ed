-- Identifiers are 1-128 characters (docs/API.md) and marketplace ids up to 64, but the billing
-- views kept lease, provider, tenant and GPU model ids in VARCHAR(64), and idempotency scopes
-- ('MARKETPLACE:' + marketplace id) in VARCHAR(64). A lease opened with a longer id was stored as
-- an event but refused by the billing projection, which logged the failure and skipped the event:
-- the lease and its usage were missing from lease views and statements. A marketplace id of more
-- than 52 characters could not write at all.
--
-- A ledger that took such ids before this migration rebuilds its billing views by resetting the
-- 'billing' processor's token (V3): the skipped events are projected then.
ALTER TABLE lease_view
    ALTER COLUMN lease_id    TYPE VARCHAR(128),
    ALTER COLUMN provider_id TYPE VARCHAR(128),
    ALTER COLUMN tenant_id   TYPE VARCHAR(128),
    ALTER COLUMN gpu_model   TYPE VARCHAR(128);
ALTER TABLE usage_line
    ALTER COLUMN lease_id TYPE VARCHAR(128);
ALTER TABLE idempotency_record
    ALTER COLUMN scope TYPE VARCHAR(128);

-- Assertion: no identifier column of these tables is narrower than the API's identifiers.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_name IN ('lease_view', 'usage_line', 'idempotency_record')
                 AND column_name IN ('lease_id', 'provider_id', 'tenant_id', 'gpu_model', 'report_id', 'scope')
                 AND character_maximum_length < 128) THEN
        RAISE EXCEPTION 'an identifier column is narrower than 128 characters';
    END IF;
END $$;
