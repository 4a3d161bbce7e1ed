-- Each correction's place in the event store (global_index), so an epoch can show the SLA credits among
-- its events on a line of their own (docs/API.md, "Settlement epochs"): the adjustments with reason
-- SLA_CREDIT whose event lies in the epoch's range. Rows written before this version are given theirs
-- from the store's unique key (aggregate marketplaceId/leaseId, the correction's sequence number).
ALTER TABLE lease_correction ADD COLUMN global_index BIGINT;

UPDATE lease_correction k
SET global_index = d.global_index
FROM lease_view l
JOIN domain_event_entry d ON d.aggregate_identifier = l.marketplace_id || '/' || l.lease_id
WHERE l.lease_ref = k.lease_ref AND d.sequence_number = k.sequence_number;

CREATE INDEX lease_correction_sla_credit ON lease_correction (global_index)
    WHERE correction = 'ADJUSTMENT' AND reason = 'SLA_CREDIT';
