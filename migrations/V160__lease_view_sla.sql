-- The lease view keeps a lease's SLA as opened (docs/API.md, "Leases"), the open event's `sla` as
-- it is stored: {"uptimeTargetBps": ..., "credits": [{"belowBps": ..., "creditBps": ...}]}; null
-- on a lease without one. Leases with an SLA opened before this version are exactly those in
-- sla_lease (V140); their terms are copied from their opening, the first event of their aggregate
-- (identifier marketplaceId/leaseId), found through the store's unique key rather than a scan.
ALTER TABLE lease_view ADD COLUMN sla JSONB;

UPDATE lease_view l
SET sla = convert_from(d.payload, 'UTF8')::jsonb -> 'sla'
FROM sla_lease s
JOIN domain_event_entry d ON d.aggregate_identifier = s.marketplace_id || '/' || s.lease_id
                         AND d.sequence_number = 0
WHERE l.marketplace_id = s.marketplace_id AND l.lease_id = s.lease_id
  AND d.payload_type = 'io.gpuledger.lease.api.LeaseOpenedEvent';
