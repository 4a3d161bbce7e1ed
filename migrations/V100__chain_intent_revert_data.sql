-- A reverted intent's revert data, as 0x-hex. It is bytes, not text: a custom error's arguments
-- hold NUL bytes, which a TEXT column refuses, so revert_reason now holds only readable text (the
-- message of an Error(string), or "custom error 0x<selector>") and the bytes live here.
ALTER TABLE chain_intent ADD COLUMN revert_data TEXT CHECK (revert_data ~ '^0x([0-9a-f]{2})*$');
