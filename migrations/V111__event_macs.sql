-- Each event's MAC, written in the statement that appends it: HMAC-SHA256 under the ledger's event
-- key (which PostgreSQL never holds) of the event's canonical hash (docs/AUDIT.md). An event altered
-- in the database after its append, even before the sealer chains it, no longer matches its MAC.
-- Adding a nullable column rewrites nothing.
ALTER TABLE domain_event_entry ADD COLUMN event_mac BYTEA;

-- Events appended before this migration carry no MAC (they are covered by their seals); every event
-- above this global index must carry one. One row.
CREATE TABLE event_mac_start (
    authenticated_after BIGINT NOT NULL
);
INSERT INTO event_mac_start (authenticated_after) SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry;
