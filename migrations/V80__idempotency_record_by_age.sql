-- idempotency_record kept every POST's response forever, some 130 KB for a batch of 1,000 usage
-- reports. Records are now deleted once older than the retention (ledger.idempotency.retention,
-- 7 days by default), oldest first in chunks of 10,000 (IdempotencyPruner). Without an index on
-- created_at every chunk would scan the whole table to find its oldest rows; with it a chunk reads
-- just the rows it deletes. The write path inserts one index entry more per request.
CREATE INDEX idempotency_record_created_at ON idempotency_record (created_at);
