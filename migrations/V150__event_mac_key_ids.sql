-- Each event's MAC names the event key it was made with (eventstore.EventKeys), so that the current
-- key can be rotated while the older keys, kept for verification only, still check the events they
-- MACed (docs/SECURITY.md, "Rotating the event key"). NULL for the MACs stored before this migration:
-- they read as key id '0', the id of a key given without one. Adding a nullable column rewrites nothing.
ALTER TABLE domain_event_entry ADD COLUMN event_mac_key VARCHAR(64);
