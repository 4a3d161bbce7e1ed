-- The journal posts the escrow's releases (docs/MONEY.md, "The journal": EpochFundedEvent, escrow to
-- treasury). Epochs funded before this migration have no such entries, and verification derives them
-- afresh from the events: the journal is rebuilt from the event store, as a reset of its processor
-- would (its entries are keyed by event, so the rebuild writes the same entries for the other events).
TRUNCATE journal_entry, journal_balance, journal_lease;
DELETE FROM token_entry WHERE processor_name = 'journal';
