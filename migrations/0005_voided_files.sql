-- 0005: voiding a file ingested by mistake, and undoing that, without
-- deleting anything (docs/schema.md, "Voided files"; docs/billing.md,
-- "Voiding a file").
--
-- The record tables stay append-only. A void is a row of file_voids; what
-- counts is decided by the views below, which leave out the lines no live
-- file holds, and by billed_generation_firsts, which `axis-ledger void`
-- recomputes for the generationIds the file touched.

-- Every void and undo, in the order they were done: the history is kept.
-- A file is voided when its latest row says 'void' (view voided_files).
CREATE TABLE file_voids (
    id        INTEGER PRIMARY KEY,
    file_id   INTEGER NOT NULL REFERENCES ingested_files(id),
    action    TEXT    NOT NULL CHECK (action IN ('void', 'undo')),
    reason    TEXT,                                   -- secrets redacted; required for a void
    acted_by  TEXT    NOT NULL,                       -- $USER, else $LOGNAME, else the uid
    acted_at  TEXT    NOT NULL,                       -- UTC, YYYY-MM-DDTHH:MM:SS.sssZ
    CHECK (action = 'undo' OR coalesce(reason, '') <> '')
);
CREATE INDEX file_voids_by_file ON file_voids (file_id, id);
CREATE TRIGGER file_voids_append_only_update BEFORE UPDATE ON file_voids
BEGIN SELECT RAISE(ABORT, 'file_voids is append-only: undo a void with `axis-ledger void --undo FILE_ID`'); END;
CREATE TRIGGER file_voids_append_only_delete BEFORE DELETE ON file_voids
BEGIN SELECT RAISE(ABORT, 'file_voids is append-only: undo a void with `axis-ledger void --undo FILE_ID`'); END;

-- Every other place a stored line occurred: a line whose hash was stored
-- before (by any file, or earlier in the same file) is not stored again; it
-- is counted in its file's `duplicates` (a good line) or `rejected_known` (a
-- bad one) and gets a row here naming the stored row it repeats. Only such
-- repeats have rows, so a file without them costs nothing more to ingest.
-- kind says which table record_id is a row of: 'response' response_records,
-- 'request' request_attempts, 'reject' rejected_lines.
CREATE TABLE line_occurrences (
    file_id     INTEGER NOT NULL REFERENCES ingested_files(id),
    line_number INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('response', 'request', 'reject')),
    record_id   INTEGER NOT NULL,
    PRIMARY KEY (file_id, line_number, kind, record_id)
) WITHOUT ROWID;
CREATE INDEX line_occurrences_by_record ON line_occurrences (kind, record_id, file_id);
CREATE TRIGGER line_occurrences_append_only_update BEFORE UPDATE ON line_occurrences
BEGIN SELECT RAISE(ABORT, 'line_occurrences is append-only: rebuild the ledger from the files to keep instead of changing rows'); END;
CREATE TRIGGER line_occurrences_append_only_delete BEFORE DELETE ON line_occurrences
BEGIN SELECT RAISE(ABORT, 'line_occurrences is append-only: rebuild the ledger from the files to keep instead of deleting rows'); END;

-- Files ingested before this version counted their duplicates without
-- noting which stored line each repeats: occurrences_known is 0 for them,
-- 1 for every file ingested since (`verify` checks those counts exactly).
ALTER TABLE ingested_files ADD COLUMN occurrences_known INTEGER NOT NULL DEFAULT 1 CHECK (occurrences_known IN (0, 1));
UPDATE ingested_files SET occurrences_known = 0;

-- The generationIds whose billing `axis-ledger void` is recomputing: filled
-- and emptied inside the void's one transaction, so it is empty whenever a
-- reader can see it (`verify` checks). It is what lets the trigger below
-- tell a recomputation from a stray DELETE.
CREATE TABLE billing_recompute (
    generation_id TEXT NOT NULL PRIMARY KEY
) WITHOUT ROWID;

-- 0002's trigger refused every DELETE: records were never taken back, so
-- billing rule 2 never had to be undone. A void takes a file's records out
-- of the count, and a generation billed from one of them must then be billed
-- from its earliest remaining record, or not at all: its row is deleted and
-- computed again. The trigger now allows that, and only that: a row may be
-- deleted while its generationId is listed in billing_recompute.
DROP TRIGGER billed_generation_firsts_no_delete;
CREATE TRIGGER billed_generation_firsts_no_delete BEFORE DELETE ON billed_generation_firsts
WHEN OLD.generation_id NOT IN (SELECT generation_id FROM billing_recompute)
BEGIN SELECT RAISE(ABORT, 'billed_generation_firsts is kept by the ledger itself: void the file with `axis-ledger void` or rebuild the ledger instead of deleting rows'); END;

-- The files voided now: those whose latest void or undo is a void.
CREATE VIEW voided_files AS
SELECT v.file_id, v.acted_at AS voided_at, v.acted_by AS voided_by, v.reason
FROM file_voids AS v
WHERE v.action = 'void' AND v.id = (SELECT max(w.id) FROM file_voids AS w WHERE w.file_id = v.file_id);

-- A stored line of a voided file that a live file also holds: where it
-- lives now (the live file with the lowest id, its first line of it).
-- Empty while no file was ever voided, at the cost of one look-up.
CREATE VIEW relocated_lines AS
SELECT kind, record_id, file_id, line_number FROM (
    SELECT o.kind, o.record_id, o.file_id, o.line_number,
           row_number() OVER (PARTITION BY o.kind, o.record_id ORDER BY o.file_id, o.line_number) AS nth
    FROM line_occurrences AS o
    WHERE EXISTS (SELECT 1 FROM file_voids)
      AND o.file_id NOT IN (SELECT file_id FROM voided_files)
      AND (CASE o.kind
               WHEN 'response' THEN (SELECT r.file_id FROM response_records AS r WHERE r.id = o.record_id)
               WHEN 'request' THEN (SELECT a.file_id FROM request_attempts AS a WHERE a.id = o.record_id)
               ELSE (SELECT j.file_id FROM rejected_lines AS j WHERE j.id = o.record_id)
           END) IN (SELECT file_id FROM voided_files)
) WHERE nth = 1;

-- The stored rows that count: a row is live when its own file is live or
-- any file it also occurred in is. Same columns as the tables (file_id and
-- line_number are still those of the file that first stored the line; join
-- relocated_lines for where a line of a voided file lives now).
CREATE VIEW live_response_records AS
SELECT r.* FROM response_records AS r
WHERE r.file_id NOT IN (SELECT file_id FROM voided_files)
   OR EXISTS (SELECT 1 FROM line_occurrences AS o
              WHERE o.kind = 'response' AND o.record_id = r.id AND o.file_id NOT IN (SELECT file_id FROM voided_files));

CREATE VIEW live_request_attempts AS
SELECT a.* FROM request_attempts AS a
WHERE a.file_id NOT IN (SELECT file_id FROM voided_files)
   OR EXISTS (SELECT 1 FROM line_occurrences AS o
              WHERE o.kind = 'request' AND o.record_id = a.id AND o.file_id NOT IN (SELECT file_id FROM voided_files));

CREATE VIEW live_rejected_lines AS
SELECT j.* FROM rejected_lines AS j
WHERE j.file_id NOT IN (SELECT file_id FROM voided_files)
   OR EXISTS (SELECT 1 FROM line_occurrences AS o
              WHERE o.kind = 'reject' AND o.record_id = j.id AND o.file_id NOT IN (SELECT file_id FROM voided_files));

-- events_402 as in 0002, same columns, over live rows only; a line of a
-- voided file kept by another file is shown at that file's line.
DROP VIEW events_402;
CREATE VIEW events_402 AS
WITH candidates AS (
    SELECT 0 AS source_rank, 'response' AS source_kind, id, org_id, version, occurred_at, month,
           request_id, idempotency_key, file_id, line_number
    FROM live_response_records
    WHERE (http_status = 402 OR error_code = 'insufficient_balance') AND month > ''
    UNION ALL
    SELECT 1, 'request', id, org_id, version, occurred_at, month,
           request_id, idempotency_key, file_id, line_number
    FROM live_request_attempts
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
       ranked.idempotency_key, f.path AS source_file, coalesce(m.line_number, ranked.line_number) AS source_line,
       ranked.source_kind
FROM ranked
LEFT JOIN relocated_lines AS m ON m.kind = ranked.source_kind AND m.record_id = ranked.id
JOIN ingested_files AS f ON f.id = coalesce(m.file_id, ranked.file_id)
WHERE ranked.nth = 1;

-- billing_anomalies as in 0003, same columns, over live rows only
-- (generation_placements is recomputed from live records by void).
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
       f.path || ':' || coalesce(m.line_number, r.line_number)
FROM live_response_records AS r
LEFT JOIN relocated_lines AS m ON m.kind = 'response' AND m.record_id = r.id
JOIN ingested_files AS f ON f.id = coalesce(m.file_id, r.file_id)
WHERE r.http_status = 200 AND (coalesce(r.success, 0) = 0 OR coalesce(r.generation_id, '') = '');
