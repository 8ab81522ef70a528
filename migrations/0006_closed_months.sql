-- 0006: closed months. `axis-ledger close` records what was issued for a
-- month, in one transaction, and from then on the month's report is the
-- issued one (docs/billing.md, "Closed months and corrections"). Every table
-- here is append-only: what was issued is never changed; a later difference
-- is shown as a change since close and billed as an adjustment line in the
-- next open month.

-- One row per closed month: when, by whom, why, and the pricing it was rated with.
CREATE TABLE month_closes (
    month          TEXT NOT NULL PRIMARY KEY
                   CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    closed_at      TEXT NOT NULL,   -- UTC, YYYY-MM-DDTHH:MM:SS.sssZ
    closed_by      TEXT NOT NULL,   -- $USER, else $LOGNAME, else uid:N
    note           TEXT,            -- --note, secrets redacted
    pricing_file   TEXT NOT NULL,   -- the pricing file's name, as the report shows it
    pricing_text   TEXT NOT NULL,   -- its whole text: the month is re-rated with it
    pricing_sha256 TEXT NOT NULL,   -- of its bytes, lowercase hex
    currency       TEXT NOT NULL
) WITHOUT ROWID;

-- Every file of the report set as written at close, by its name in the
-- month folder, with its bytes and their SHA-256. `report --month M` of a
-- closed month writes these bytes again; `verify` checks the hashes.
CREATE TABLE issued_files (
    month   TEXT NOT NULL REFERENCES month_closes(month),
    name    TEXT NOT NULL,
    content BLOB NOT NULL,
    sha256  TEXT NOT NULL,
    PRIMARY KEY (month, name)
) WITHOUT ROWID;

-- Every line of every statement as issued. Money is decimal text exactly as
-- in invoice_lines.csv. adjusts_month is set on an `adjustment` line: the
-- earlier closed month it corrects.
CREATE TABLE issued_lines (
    month         TEXT    NOT NULL REFERENCES month_closes(month),
    org_id        TEXT    NOT NULL,
    position      INTEGER NOT NULL,   -- 1, 2, … in the statement's order; `total` last
    plan          TEXT    NOT NULL,
    line          TEXT    NOT NULL,   -- usage, minimum, adjustment, total, …
    version       TEXT,
    description   TEXT    NOT NULL,
    quantity      INTEGER NOT NULL,
    unit_price    TEXT,
    amount        TEXT    NOT NULL,
    currency      TEXT    NOT NULL,
    adjusts_month TEXT,
    PRIMARY KEY (month, org_id, position)
) WITHOUT ROWID;

-- For an adjustment line, the change in billed generations per version it
-- bills (so the next adjustment of the same month describes only what
-- changed after it).
CREATE TABLE issued_adjustment_counts (
    month         TEXT    NOT NULL REFERENCES month_closes(month),
    org_id        TEXT    NOT NULL,
    adjusts_month TEXT    NOT NULL,
    version       TEXT    NOT NULL,
    generations   INTEGER NOT NULL,   -- negative when generations went away
    PRIMARY KEY (month, org_id, adjusts_month, version)
) WITHOUT ROWID;

-- The billed generations the month was issued with, and the record (and so
-- the file) each was billed from.
CREATE TABLE issued_generations (
    month         TEXT    NOT NULL REFERENCES month_closes(month),
    generation_id TEXT    NOT NULL,
    org_id        TEXT    NOT NULL,
    version       TEXT    NOT NULL,
    record_id     INTEGER NOT NULL,
    file_id       INTEGER NOT NULL,
    PRIMARY KEY (month, generation_id)
) WITHOUT ROWID;
CREATE INDEX issued_generations_by_id ON issued_generations (generation_id);

-- The ingested files the month was computed from (those holding its records).
CREATE TABLE issued_sources (
    month   TEXT    NOT NULL REFERENCES month_closes(month),
    file_id INTEGER NOT NULL,
    sha256  TEXT    NOT NULL,
    PRIMARY KEY (month, file_id)
) WITHOUT ROWID;

CREATE TRIGGER month_closes_append_only_update BEFORE UPDATE ON month_closes
BEGIN SELECT RAISE(ABORT, 'month_closes is append-only: a closed month stays as it was issued; later differences are adjustments'); END;
CREATE TRIGGER month_closes_append_only_delete BEFORE DELETE ON month_closes
BEGIN SELECT RAISE(ABORT, 'month_closes is append-only: a closed month stays as it was issued; later differences are adjustments'); END;
CREATE TRIGGER issued_files_append_only_update BEFORE UPDATE ON issued_files
BEGIN SELECT RAISE(ABORT, 'issued_files is append-only: what was issued is never changed'); END;
CREATE TRIGGER issued_files_append_only_delete BEFORE DELETE ON issued_files
BEGIN SELECT RAISE(ABORT, 'issued_files is append-only: what was issued is never changed'); END;
CREATE TRIGGER issued_lines_append_only_update BEFORE UPDATE ON issued_lines
BEGIN SELECT RAISE(ABORT, 'issued_lines is append-only: what was issued is never changed'); END;
CREATE TRIGGER issued_lines_append_only_delete BEFORE DELETE ON issued_lines
BEGIN SELECT RAISE(ABORT, 'issued_lines is append-only: what was issued is never changed'); END;
CREATE TRIGGER issued_adjustment_counts_append_only_update BEFORE UPDATE ON issued_adjustment_counts
BEGIN SELECT RAISE(ABORT, 'issued_adjustment_counts is append-only: what was issued is never changed'); END;
CREATE TRIGGER issued_adjustment_counts_append_only_delete BEFORE DELETE ON issued_adjustment_counts
BEGIN SELECT RAISE(ABORT, 'issued_adjustment_counts is append-only: what was issued is never changed'); END;
CREATE TRIGGER issued_generations_append_only_update BEFORE UPDATE ON issued_generations
BEGIN SELECT RAISE(ABORT, 'issued_generations is append-only: what was issued is never changed'); END;
CREATE TRIGGER issued_generations_append_only_delete BEFORE DELETE ON issued_generations
BEGIN SELECT RAISE(ABORT, 'issued_generations is append-only: what was issued is never changed'); END;
CREATE TRIGGER issued_sources_append_only_update BEFORE UPDATE ON issued_sources
BEGIN SELECT RAISE(ABORT, 'issued_sources is append-only: what was issued is never changed'); END;
CREATE TRIGGER issued_sources_append_only_delete BEFORE DELETE ON issued_sources
BEGIN SELECT RAISE(ABORT, 'issued_sources is append-only: what was issued is never changed'); END;

-- The closed months, with what they were issued with.
CREATE VIEW closed_months AS
SELECT c.month, c.closed_at, c.closed_by, c.note, c.pricing_file, c.pricing_sha256, c.currency,
       (SELECT count(*) FROM issued_generations AS g WHERE g.month = c.month) AS generations,
       (SELECT count(DISTINCT l.org_id) FROM issued_lines AS l WHERE l.month = c.month) AS statements,
       (SELECT count(*) FROM issued_sources AS s WHERE s.month = c.month) AS source_files,
       (SELECT count(*) FROM issued_files AS f WHERE f.month = c.month) AS report_files
FROM month_closes AS c;

-- Every statement line as issued (amounts are decimal text: compare them as
-- text, or cast to a number only for a rough look; the exact sums are in
-- the `total` lines).
CREATE VIEW issued_statement_lines AS
SELECT month, org_id, position, plan, line, version, description, quantity, unit_price, amount, currency, adjusts_month
FROM issued_lines;

-- Each generation a closed month would now count differently than it was
-- issued with, once per closed month it touches (closed_month): a generation
-- that moved from one closed month to another is a change in each.
--   removed: issued in closed_month, no longer billed at all (its file was voided);
--   moved:   issued in closed_month, now billed in another month, org or version,
--            or billed now in closed_month but issued elsewhere or nowhere (added).
-- A generation billed now from another record but in the same month, org and
-- version is not a change. cause is the file: of the record billed now, or,
-- for a removed generation, the file it was issued from.
CREATE VIEW changes_since_close AS
SELECT i.month AS closed_month, i.generation_id,
       CASE WHEN b.generation_id IS NULL THEN 'removed' ELSE 'moved' END AS change,
       i.month AS issued_month, i.org_id AS issued_org_id, i.version AS issued_version,
       b.month AS month_now, b.org_id AS org_id_now, b.version AS version_now,
       -- A voided issued file is the cause, whether its generation went away or is billed now from another record.
       CASE WHEN i.file_id IN (SELECT file_id FROM voided_files) THEN i.file_id ELSE coalesce(r.file_id, i.file_id) END AS cause_file_id,
       (SELECT path FROM ingested_files
        WHERE id = CASE WHEN i.file_id IN (SELECT file_id FROM voided_files) THEN i.file_id ELSE coalesce(r.file_id, i.file_id) END) AS cause
FROM issued_generations AS i
LEFT JOIN billed_generations AS b ON b.generation_id = i.generation_id
LEFT JOIN billed_generation_firsts AS bf ON bf.generation_id = b.generation_id
LEFT JOIN response_records AS r ON r.id = bf.record_id
WHERE b.generation_id IS NULL OR b.month <> i.month OR b.org_id <> i.org_id OR b.version <> i.version
UNION ALL
SELECT b.month, b.generation_id,
       CASE WHEN e.month IS NULL THEN 'added' ELSE 'moved' END,
       e.month, e.org_id, e.version,
       b.month, b.org_id, b.version,
       r.file_id, (SELECT path FROM ingested_files WHERE id = r.file_id)
FROM month_closes AS c
JOIN billed_generations AS b ON b.month = c.month
LEFT JOIN billed_generation_firsts AS bf ON bf.generation_id = b.generation_id
LEFT JOIN response_records AS r ON r.id = bf.record_id
LEFT JOIN issued_generations AS e ON e.month = (
    SELECT min(x.month) FROM issued_generations AS x WHERE x.generation_id = b.generation_id)
    AND e.generation_id = b.generation_id
WHERE NOT EXISTS (SELECT 1 FROM issued_generations AS i WHERE i.month = b.month AND i.generation_id = b.generation_id);
