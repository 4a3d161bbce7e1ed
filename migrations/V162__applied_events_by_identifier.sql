-- Additive projections name the events they applied by identifier (platform.AppliedEvents). The
-- global index their handlers were given is the processor's token, which for an event committed after
-- a later one (a gap it filled) is the later one's index: two events could claim one index, and the
-- second, never applied, failed as "applied twice". The rows kept so far are carried over by the index
-- they named.
ALTER TABLE applied_event ADD COLUMN event_id VARCHAR(255);
UPDATE applied_event a SET event_id = e.event_identifier
FROM domain_event_entry e WHERE e.global_index = a.global_index;
DELETE FROM applied_event WHERE event_id IS NULL;
ALTER TABLE applied_event DROP CONSTRAINT applied_event_pkey;
ALTER TABLE applied_event DROP COLUMN global_index;
ALTER TABLE applied_event ALTER COLUMN event_id SET NOT NULL;
ALTER TABLE applied_event ADD PRIMARY KEY (projection, event_id);
