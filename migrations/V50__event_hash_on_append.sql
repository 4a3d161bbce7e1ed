-- Each event's hash (docs/AUDIT.md), computed when the event is appended from the very values being
-- written, so that the sealer chains hashes instead of reading every payload back. Events appended
-- before this column existed have none; the sealer computes theirs from the row, as it always did.
-- The audit verifier never reads this column: it recomputes every hash from the stored event.
ALTER TABLE domain_event_entry ADD COLUMN event_hash BYTEA;
