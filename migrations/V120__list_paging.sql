-- GET /v1/leases pages through lease_view in lease_ref order (docs/API.md, "Conventions"): a lease's
-- number never changes and is unique, so a page that starts after the last number of the page
-- before shows every lease once, whatever is written meanwhile. A marketplace lists its own leases,
-- filtered perhaps by provider or tenant: each of those reads walks an index in lease_ref order and
-- stops after one page, instead of sorting all of the marketplace's leases for every page. The
-- provider and tenant indexes gain lease_ref in place of being kept beside new ones: statements
-- read them by their first column as before. None of these columns is ever updated, so usage
-- updates stay HOT (V60).
CREATE INDEX lease_view_marketplace_ref ON lease_view (marketplace_id, lease_ref);
DROP INDEX lease_view_provider;
CREATE INDEX lease_view_provider ON lease_view (provider_id, lease_ref);
DROP INDEX lease_view_tenant;
CREATE INDEX lease_view_tenant ON lease_view (tenant_id, lease_ref);

-- The key that signs list cursors, so a cursor altered, or handed to another route, filter or
-- caller, is refused (INVALID_CURSOR) instead of silently starting somewhere else. The first
-- instance to need it writes it from a secure random source; every instance on the database then
-- signs with the same key.
CREATE TABLE cursor_key (
    id  SMALLINT PRIMARY KEY CHECK (id = 1),
    key BYTEA    NOT NULL CHECK (length(key) = 32)
);
