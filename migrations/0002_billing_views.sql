-- 0002: the billing rules as views (docs/billing.md), so that axis-ledger,
-- the sqlite3 shell and any SQL user count the same way.

-- A billed generation: the earliest response record with status 200,
-- response.success true and a non-empty generationId; ties on time go to the
-- record stored first. Org and version are those of that record.
CREATE INDEX response_records_billed
    ON response_records (generation_id, occurred_at, id)
    WHERE http_status = 200 AND success = 1 AND generation_id <> '';

CREATE VIEW billed_generations AS
SELECT generation_id, org_id, version, billed_at, month
FROM (
    SELECT generation_id, org_id, version, occurred_at AS billed_at, month,
           row_number() OVER (PARTITION BY generation_id ORDER BY occurred_at, id) AS nth
    FROM response_records
    WHERE http_status = 200 AND success = 1 AND generation_id <> ''
)
WHERE nth = 1;

-- A 402 event: a response record with status 402 or response.code
-- insufficient_balance, or a request-log line with status 402. Lines that
-- share a requestId are one event, told by the response record when there is
-- one, else by the earliest line.
CREATE VIEW events_402 AS
WITH candidates AS (
    SELECT 0 AS source_rank, 'response' AS source_kind, id, org_id, version, occurred_at, month,
           request_id, idempotency_key, file_id, line_number
    FROM response_records
    WHERE http_status = 402 OR error_code = 'insufficient_balance'
    UNION ALL
    SELECT 1, 'request', id, org_id, version, occurred_at, month,
           request_id, idempotency_key, file_id, line_number
    FROM request_attempts
    WHERE http_status = 402
),
ranked AS (
    SELECT candidates.*,
           CASE WHEN request_id IS NULL THEN 1
                ELSE row_number() OVER (PARTITION BY request_id ORDER BY source_rank, occurred_at, id)
           END AS nth
    FROM candidates
)
SELECT ranked.org_id, ranked.version, ranked.occurred_at, ranked.month, ranked.request_id,
       ranked.idempotency_key, f.path AS source_file, ranked.line_number AS source_line,
       ranked.source_kind
FROM ranked JOIN ingested_files AS f ON f.id = ranked.file_id
WHERE ranked.nth = 1;

-- Billed generations counted by month, org and version.
CREATE VIEW monthly_usage AS
SELECT month, org_id, version, count(*) AS generations
FROM billed_generations
GROUP BY month, org_id, version;

-- What the billing rules leave out but a person should see: a generationId
-- under more than one org or version (billed once, to its earliest record),
-- and a 200 whose body says success false or carries no generationId.
CREATE VIEW billing_anomalies AS
WITH several AS (
    SELECT generation_id,
           group_concat(DISTINCT org_id || '/' || version) AS detail,
           count(DISTINCT org_id || '/' || version) AS placements
    FROM response_records
    WHERE http_status = 200 AND success = 1 AND generation_id <> ''
    GROUP BY generation_id
    HAVING placements > 1
)
SELECT 'generation_in_several_orgs_or_versions' AS kind,
       b.month, b.org_id, b.version, b.generation_id, NULL AS request_id, b.billed_at AS occurred_at,
       'seen as ' || several.detail AS detail
FROM several JOIN billed_generations AS b ON b.generation_id = several.generation_id
UNION ALL
SELECT CASE WHEN coalesce(r.success, 0) = 0 THEN 'status_200_without_success' ELSE 'status_200_without_generation_id' END,
       r.month, r.org_id, r.version, r.generation_id, r.request_id, r.occurred_at,
       f.path || ':' || r.line_number
FROM response_records AS r JOIN ingested_files AS f ON f.id = r.file_id
WHERE r.http_status = 200 AND (coalesce(r.success, 0) = 0 OR coalesce(r.generation_id, '') = '');
