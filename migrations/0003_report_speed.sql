-- 0003: what makes `axis-ledger report` fast on a month of a million records.
--
-- The month's v2 latency percentiles are read from the month index instead
-- of the records themselves.
--
-- The percentiles need semantic_translation_ms and provider_latency_ms of
-- every v2 status-200 record of the month. With the index of 0001 each one
-- was a lookup into response_records, whose rows hold prompts and URLs:
-- about 600,000 lookups and most of the table read for a month of a million
-- records. The same index with `id` and the two latencies appended answers
-- that from the index alone.
--
-- `id` comes before the latencies on purpose. It is unique, so the entries
-- stay in the order they had (the key up to file_id, then the row id) and
-- ingest still appends each record at the end of its (month, org, version,
-- status, code, file) run; latencies earlier in the key would put every
-- insert at a random place in the B-tree, which costs ingest far more.
DROP INDEX response_records_by_month_org;
CREATE INDEX response_records_by_month_org ON response_records
    (month, org_id, version, http_status, error_code, file_id, id, semantic_translation_ms, provider_latency_ms);

-- billing_anomalies as in 0002, with the same rows, found the other way
-- round: from the generationIds seen under more than one org or version (a
-- handful) to their billed row, instead of testing every billed generation
-- of the month against that list (a pass over a million index entries).
DROP VIEW billing_anomalies;
CREATE VIEW billing_anomalies AS
SELECT 'generation_in_several_orgs_or_versions' AS kind,
       b.month, b.org_id, b.version, b.generation_id, NULL AS request_id, b.billed_at AS occurred_at,
       'seen as ' || (SELECT group_concat(placement, ', ') FROM (
           SELECT p.org_id || '/' || p.version AS placement FROM generation_placements AS p
           WHERE p.generation_id = b.generation_id ORDER BY placement)) AS detail
FROM (SELECT DISTINCT generation_id FROM generation_placements) AS placed
CROSS JOIN billed_generation_firsts AS b ON b.generation_id = placed.generation_id
UNION ALL
SELECT CASE WHEN coalesce(r.success, 0) = 0 THEN 'status_200_without_success' ELSE 'status_200_without_generation_id' END,
       r.month, r.org_id, r.version, r.generation_id, r.request_id, r.occurred_at,
       f.path || ':' || r.line_number
FROM response_records AS r JOIN ingested_files AS f ON f.id = r.file_id
WHERE r.http_status = 200 AND (coalesce(r.success, 0) = 0 OR coalesce(r.generation_id, '') = '');
