-- 0002: the billing rules as views (docs/billing.md), so that axis-ledger,
-- the sqlite3 shell and any SQL user count the same way.

-- A billed generation: the earliest response record with status 200,
-- response.success true and a non-empty generationId; ties on time go to the
-- record stored first. Org and version are those of that record.
--
-- Triggers apply the rule as each record is stored, keeping one row per
-- generationId in billed_generation_firsts, so that reading a month of a
-- million generations is an index range scan, not a pass over every record
-- ever stored. The record tables are append-only (below), so the rule never
-- has to be undone.
CREATE TABLE billed_generation_firsts (
    generation_id TEXT    NOT NULL PRIMARY KEY,
    record_id     INTEGER NOT NULL,  -- response_records.id of the earliest record
    billed_at     TEXT    NOT NULL,
    month         TEXT    NOT NULL,
    org_id        TEXT    NOT NULL,
    version       TEXT    NOT NULL
) WITHOUT ROWID;

CREATE INDEX billed_generation_firsts_by_month ON billed_generation_firsts (month, org_id, version, billed_at);

-- Every (org, version) a generationId was billed under, kept only for ids
-- seen under more than one: the anomaly of billing rule 2.
CREATE TABLE generation_placements (
    generation_id TEXT NOT NULL,
    org_id        TEXT NOT NULL,
    version       TEXT NOT NULL,
    PRIMARY KEY (generation_id, org_id, version)
) WITHOUT ROWID;

CREATE TRIGGER response_records_bill
AFTER INSERT ON response_records
WHEN NEW.http_status = 200 AND NEW.success = 1 AND NEW.generation_id <> ''
BEGIN
    INSERT OR IGNORE INTO generation_placements (generation_id, org_id, version)
    SELECT f.generation_id, f.org_id, f.version FROM billed_generation_firsts AS f
    WHERE f.generation_id = NEW.generation_id AND (f.org_id <> NEW.org_id OR f.version <> NEW.version);

    INSERT OR IGNORE INTO generation_placements (generation_id, org_id, version)
    SELECT NEW.generation_id, NEW.org_id, NEW.version
    WHERE EXISTS (SELECT 1 FROM generation_placements AS p WHERE p.generation_id = NEW.generation_id);

    INSERT INTO billed_generation_firsts (generation_id, record_id, billed_at, month, org_id, version)
    VALUES (NEW.generation_id, NEW.id, NEW.occurred_at, NEW.month, NEW.org_id, NEW.version)
    ON CONFLICT (generation_id) DO UPDATE SET
        record_id = excluded.record_id, billed_at = excluded.billed_at, month = excluded.month,
        org_id = excluded.org_id, version = excluded.version
    WHERE (excluded.billed_at, excluded.record_id) < (billed_generation_firsts.billed_at, billed_generation_firsts.record_id);
END;

-- A ledger is append-only: what was ingested stays as it was, so every
-- figure can be traced and recomputed. To drop a file, rebuild the ledger
-- from the files to keep.
CREATE TRIGGER response_records_append_only_update BEFORE UPDATE ON response_records
BEGIN SELECT RAISE(ABORT, 'response_records is append-only: rebuild the ledger from the files to keep instead of changing rows'); END;
CREATE TRIGGER response_records_append_only_delete BEFORE DELETE ON response_records
BEGIN SELECT RAISE(ABORT, 'response_records is append-only: rebuild the ledger from the files to keep instead of deleting rows'); END;
CREATE TRIGGER request_attempts_append_only_update BEFORE UPDATE ON request_attempts
BEGIN SELECT RAISE(ABORT, 'request_attempts is append-only: rebuild the ledger from the files to keep instead of changing rows'); END;
CREATE TRIGGER request_attempts_append_only_delete BEFORE DELETE ON request_attempts
BEGIN SELECT RAISE(ABORT, 'request_attempts is append-only: rebuild the ledger from the files to keep instead of deleting rows'); END;
CREATE TRIGGER rejected_lines_append_only_update BEFORE UPDATE ON rejected_lines
BEGIN SELECT RAISE(ABORT, 'rejected_lines is append-only: rebuild the ledger from the files to keep instead of changing rows'); END;
CREATE TRIGGER rejected_lines_append_only_delete BEFORE DELETE ON rejected_lines
BEGIN SELECT RAISE(ABORT, 'rejected_lines is append-only: rebuild the ledger from the files to keep instead of deleting rows'); END;
CREATE TRIGGER billed_generation_firsts_no_delete BEFORE DELETE ON billed_generation_firsts
BEGIN SELECT RAISE(ABORT, 'billed_generation_firsts is kept by the ledger itself: rebuild the ledger instead of deleting rows'); END;

CREATE VIEW billed_generations AS
SELECT generation_id, org_id, version, billed_at, month
FROM billed_generation_firsts;

-- A 402 event: a response record with status 402 or response.code
-- insufficient_balance, or a request-log line with status 402. Lines that
-- share a requestId are one event, told by the response record when there is
-- one, else by the earliest line.
CREATE INDEX response_records_402 ON response_records (month)
    WHERE (http_status = 402 OR error_code = 'insufficient_balance');
CREATE INDEX request_attempts_402 ON request_attempts (month)
    WHERE http_status = 402;

CREATE VIEW events_402 AS
WITH candidates AS (
    SELECT 0 AS source_rank, 'response' AS source_kind, id, org_id, version, occurred_at, month,
           request_id, idempotency_key, file_id, line_number
    FROM response_records
    WHERE (http_status = 402 OR error_code = 'insufficient_balance') AND month > ''
    UNION ALL
    SELECT 1, 'request', id, org_id, version, occurred_at, month,
           request_id, idempotency_key, file_id, line_number
    FROM request_attempts
    WHERE http_status = 402 AND month > ''
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

CREATE INDEX response_records_200_unbilled ON response_records (month)
    WHERE http_status = 200 AND (coalesce(success, 0) = 0 OR coalesce(generation_id, '') = '');

-- What the billing rules leave out but a person should see: a generationId
-- under more than one org or version (billed once, to its earliest record),
-- and a 200 whose body says success false or carries no generationId.
CREATE VIEW billing_anomalies AS
SELECT 'generation_in_several_orgs_or_versions' AS kind,
       b.month, b.org_id, b.version, b.generation_id, NULL AS request_id, b.billed_at AS occurred_at,
       'seen as ' || (SELECT group_concat(placement, ', ') FROM (
           SELECT p.org_id || '/' || p.version AS placement FROM generation_placements AS p
           WHERE p.generation_id = b.generation_id ORDER BY placement)) AS detail
FROM billed_generation_firsts AS b
WHERE b.generation_id IN (SELECT generation_id FROM generation_placements)
UNION ALL
SELECT CASE WHEN coalesce(r.success, 0) = 0 THEN 'status_200_without_success' ELSE 'status_200_without_generation_id' END,
       r.month, r.org_id, r.version, r.generation_id, r.request_id, r.occurred_at,
       f.path || ':' || r.line_number
FROM response_records AS r JOIN ingested_files AS f ON f.id = r.file_id
WHERE r.http_status = 200 AND (coalesce(r.success, 0) = 0 OR coalesce(r.generation_id, '') = '');
