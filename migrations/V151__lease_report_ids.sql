-- A cached lease kept every report it ever recorded in memory (about 100 bytes each), to answer a
-- report sent again under its id (DUPLICATE, or USAGE_REPORT_CONFLICT for another body). A lease now
-- keeps only its recent reports; the ids of all of them are here, one row per accepted report, with
-- the sequence number after which the report's event lies (the event holds its body and charges).
-- The request that appends a report's event writes its row in the same transaction, so an id is
-- here exactly when its event is stored, whichever instance stored it.
--
-- Report ids recorded before this migration are copied from the stored usage events: revision 2
-- lists its reports, revision 1 (no payload_revision) carried one report's fields at the top level.
--
-- Rows are found by a 64-bit hash of the lease key and the report id (PostgreSQL's hashtextextended,
-- kept stable across versions since hash partitioning stores its values): the index holds a bigint
-- per row, compared without a collation, instead of the two texts. Hashes may collide, so a lookup
-- compares the ids as well, and the index is not unique: two writers of one report id for one lease
-- conflict on the lease's event sequence instead, and the loser's rows roll back with its events.
CREATE TABLE lease_report_id (
    id_hash        BIGINT NOT NULL,
    lease_key      TEXT   NOT NULL,
    report_id      TEXT   NOT NULL,
    after_sequence BIGINT NOT NULL
);

INSERT INTO lease_report_id (id_hash, lease_key, report_id, after_sequence)
SELECT hashtextextended(lease_key || '/' || report_id, 0), lease_key, report_id, min(after_sequence)
FROM (
    SELECT e.aggregate_identifier AS lease_key, r.report ->> 'reportId' AS report_id,
           e.sequence_number - 1 AS after_sequence
    FROM domain_event_entry e
    CROSS JOIN LATERAL jsonb_array_elements(
        CASE WHEN e.payload_revision IS NULL
             THEN jsonb_build_array(convert_from(e.payload, 'UTF8')::jsonb)
             ELSE convert_from(e.payload, 'UTF8')::jsonb -> 'reports' END) AS r(report)
    WHERE e.payload_type = 'io.gpuledger.usage.api.UsageRecordedEvent'
) recorded
GROUP BY lease_key, report_id;

CREATE INDEX lease_report_id_hash ON lease_report_id (id_hash);

-- Assertion: every stored usage event's reports have their ids here.
DO $$
BEGIN
    IF (SELECT count(*) FROM lease_report_id) <> (
        SELECT count(DISTINCT (e.aggregate_identifier, r.report ->> 'reportId'))
        FROM domain_event_entry e
        CROSS JOIN LATERAL jsonb_array_elements(
            CASE WHEN e.payload_revision IS NULL
                 THEN jsonb_build_array(convert_from(e.payload, 'UTF8')::jsonb)
                 ELSE convert_from(e.payload, 'UTF8')::jsonb -> 'reports' END) AS r(report)
        WHERE e.payload_type = 'io.gpuledger.usage.api.UsageRecordedEvent') THEN
        RAISE EXCEPTION 'a recorded report id is missing from lease_report_id';
    END IF;
END $$;
