-- 0009: each org's billing month in its own time zone (docs/pricing.md,
-- "Time zones"; docs/schema.md, "Local months").
--
-- An org written with `timezone:` in the pricing file is billed for its
-- local calendar month: Europe/Berlin's October 2026 runs from
-- 2026-09-30T22:00:00Z to 2026-10-31T23:00:00Z. The ledger's own `month`
-- columns and views stay UTC; the two tables below say which orgs have a
-- zone and where each zone's months begin and end, and the views count by
-- them. The tool fills both from a pricing file, replacing what was there:
-- `axis-ledger close` with the pricing it closes with, and
-- `axis-ledger pricing zones FILE` on demand. Until then they are empty and
-- every org's local month is its UTC month.

-- The orgs with their own time zone, as the pricing file last recorded said.
CREATE TABLE org_time_zones (
    org_id       TEXT NOT NULL PRIMARY KEY,
    time_zone    TEXT NOT NULL,               -- IANA name, e.g. Europe/Berlin
    pricing_file TEXT NOT NULL,               -- the file they were recorded from
    recorded_at  TEXT NOT NULL                -- UTC, YYYY-MM-DDTHH:MM:SS.sssZ
) WITHOUT ROWID;

-- Every month from 2000-01 to 2099-12 of every zone in org_time_zones: the
-- month's first instant and the next month's, as UTC text in the ledger's
-- form (starts_at <= billed_at < ends_at is the month). DST is in the
-- bounds: a month with a change is an hour longer or shorter.
CREATE TABLE month_bounds (
    time_zone TEXT NOT NULL,
    month     TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    starts_at TEXT NOT NULL,
    ends_at   TEXT NOT NULL,
    CHECK (starts_at < ends_at),
    PRIMARY KEY (time_zone, month)
) WITHOUT ROWID;
CREATE UNIQUE INDEX month_bounds_by_start ON month_bounds (time_zone, starts_at);

-- billed_generations with each generation's month in its org's zone: month
-- is the local month (the UTC month for an org without a zone), utc_month
-- the ledger's. `axis-ledger report` gives the same counts per org, version
-- and local month.
CREATE VIEW billed_generations_local AS
SELECT b.generation_id, b.org_id, b.version, b.billed_at,
       CASE WHEN z.time_zone IS NULL THEN b.month
            ELSE (SELECT mb.month FROM month_bounds AS mb
                  WHERE mb.time_zone = z.time_zone AND mb.starts_at <= b.billed_at
                  ORDER BY mb.starts_at DESC LIMIT 1)
       END AS month,
       b.month AS utc_month,
       coalesce(z.time_zone, 'UTC') AS time_zone
FROM billed_generations AS b
LEFT JOIN org_time_zones AS z ON z.org_id = b.org_id;

-- Billed generations counted by local month, org and version: the report's
-- usage.csv counts (monthly_usage counts by UTC month).
CREATE VIEW monthly_usage_local AS
SELECT month, org_id, version, count(*) AS generations, time_zone
FROM billed_generations_local
GROUP BY month, org_id, version, time_zone;

-- changes_since_close as in 0006, with the same columns, counted by local
-- month: an org's issued month is its local month (`close` issues each org
-- the generations of its local month), so a generation billed now in the
-- same local month, org and version is not a change, whatever its UTC month.
-- With no org in org_time_zones it gives exactly the rows of 0006.
DROP VIEW changes_since_close;
CREATE VIEW changes_since_close AS
SELECT i.month AS closed_month, i.generation_id,
       CASE WHEN b.generation_id IS NULL THEN 'removed' ELSE 'moved' END AS change,
       i.month AS issued_month, i.org_id AS issued_org_id, i.version AS issued_version,
       -- The local month as billed_generations_local says it, written out so that
       -- each issued generation is one look-up by id, not a pass over the view.
       CASE WHEN z.time_zone IS NULL THEN b.month
            ELSE (SELECT mb.month FROM month_bounds AS mb WHERE mb.time_zone = z.time_zone AND mb.starts_at <= b.billed_at
                  ORDER BY mb.starts_at DESC LIMIT 1) END AS month_now,
       b.org_id AS org_id_now, b.version AS version_now,
       CASE WHEN i.file_id IN (SELECT file_id FROM voided_files) THEN i.file_id ELSE coalesce(r.file_id, i.file_id) END AS cause_file_id,
       (SELECT path FROM ingested_files
        WHERE id = CASE WHEN i.file_id IN (SELECT file_id FROM voided_files) THEN i.file_id ELSE coalesce(r.file_id, i.file_id) END) AS cause
FROM issued_generations AS i
LEFT JOIN billed_generations AS b ON b.generation_id = i.generation_id
LEFT JOIN org_time_zones AS z ON z.org_id = b.org_id
LEFT JOIN billed_generation_firsts AS bf ON bf.generation_id = b.generation_id
LEFT JOIN response_records AS r ON r.id = bf.record_id
WHERE b.generation_id IS NULL OR b.org_id <> i.org_id OR b.version <> i.version
   OR i.month <> CASE WHEN z.time_zone IS NULL THEN b.month
                      ELSE (SELECT mb.month FROM month_bounds AS mb WHERE mb.time_zone = z.time_zone AND mb.starts_at <= b.billed_at
                            ORDER BY mb.starts_at DESC LIMIT 1) END
UNION ALL
SELECT b.month, b.generation_id,
       CASE WHEN e.month IS NULL THEN 'added' ELSE 'moved' END,
       e.month, e.org_id, e.version,
       b.month, b.org_id, b.version,
       r.file_id, (SELECT path FROM ingested_files WHERE id = r.file_id)
FROM month_closes AS c
-- A local month lies within the UTC month of the same name and its two
-- neighbours: seeking those keeps this a range of the month index.
JOIN billed_generations_local AS b
  ON b.utc_month IN (c.month, strftime('%Y-%m', c.month || '-01', '-1 month'), strftime('%Y-%m', c.month || '-01', '+1 month'))
 AND b.month = c.month
LEFT JOIN billed_generation_firsts AS bf ON bf.generation_id = b.generation_id
LEFT JOIN response_records AS r ON r.id = bf.record_id
LEFT JOIN issued_generations AS e ON e.month = (
    SELECT min(x.month) FROM issued_generations AS x WHERE x.generation_id = b.generation_id)
    AND e.generation_id = b.generation_id
WHERE NOT EXISTS (SELECT 1 FROM issued_generations AS i WHERE i.month = b.month AND i.generation_id = b.generation_id);
