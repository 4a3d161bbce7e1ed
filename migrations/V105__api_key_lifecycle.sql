-- Keys are issued, listed and revoked by route and CLI (docs/SECURITY.md, "Keys").
-- key_id names a key in routes and lists without its secret; key_seq orders the list by creation.
-- revoked_at and expires_at end a key: authentication reads them on every request, on every instance,
-- so a revoke holds from the next request on. last_used_at is written at most once a minute per key
-- (auth.ApiKeyUse), never once per request: the usage path pays no extra write.
ALTER TABLE api_key
    ADD COLUMN key_id       VARCHAR(40),
    ADD COLUMN key_seq      BIGINT GENERATED ALWAYS AS IDENTITY,
    ADD COLUMN expires_at   TIMESTAMPTZ,
    ADD COLUMN revoked_at   TIMESTAMPTZ,
    ADD COLUMN last_used_at TIMESTAMPTZ;

UPDATE api_key SET key_id = 'key_' || replace(gen_random_uuid()::text, '-', '');
ALTER TABLE api_key ALTER COLUMN key_id SET DEFAULT 'key_' || replace(gen_random_uuid()::text, '-', '');
ALTER TABLE api_key ALTER COLUMN key_id SET NOT NULL;
ALTER TABLE api_key ADD CONSTRAINT api_key_key_id UNIQUE (key_id);
ALTER TABLE api_key ADD CONSTRAINT api_key_key_seq UNIQUE (key_seq);
