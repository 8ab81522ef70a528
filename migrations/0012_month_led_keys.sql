-- 0012: keys led by the month, so that a month's ingest writes into that
-- month's part of each B-tree and costs the same in a ledger of ten months
-- as in an empty one (issue 13, performance at scale).
--
-- A key of random values (a hash, a generationId) spreads one file's inserts
-- over every page of its B-tree; once the tree outgrows the page cache, each
-- insert reads a page back and writes it to the WAL again, so ingest slowed
-- with the ledger (1M records: 34.6 s into an empty ledger, 77.1 s into one
-- of 6M). Led by the month, the pages a month's inserts touch are that
-- month's, as many in the tenth month as in the first. docs/schema.md,
-- "Keys led by the month", has the layout and the measurements.

-- 1. line_hash, the identity of a stored line, is the record's month (its
-- seven bytes of text, 'YYYY-MM') followed by the 16 bytes of the line's
-- SHA-256 it was before. A line repeated has the same bytes, hence the same
-- time and month, so it is refused as before; the UNIQUE index over
-- line_hash is now in month order. Rejected lines have no month and keep
-- the plain hash. Existing rows are rewritten here, the append-only
-- triggers lifted for the statement and put back as they were. `||` makes
-- TEXT of its operands' bytes; the outer CAST makes them a BLOB again, as
-- ingest binds it (a TEXT never equals a BLOB, so the line would be stored again).
DROP TRIGGER response_records_append_only_update;
UPDATE response_records SET line_hash = CAST(CAST(month AS BLOB) || line_hash AS BLOB) WHERE length(line_hash) = 16;
CREATE TRIGGER response_records_append_only_update BEFORE UPDATE ON response_records
BEGIN SELECT RAISE(ABORT, 'response_records is append-only: rebuild the ledger from the files to keep instead of changing rows'); END;

DROP TRIGGER request_attempts_append_only_update;
UPDATE request_attempts SET line_hash = CAST(CAST(month AS BLOB) || line_hash AS BLOB) WHERE length(line_hash) = 16;
CREATE TRIGGER request_attempts_append_only_update BEFORE UPDATE ON request_attempts
BEGIN SELECT RAISE(ABORT, 'request_attempts is append-only: rebuild the ledger from the files to keep instead of changing rows'); END;

-- 2. billed_generation_firsts is keyed by (month, generation_id): a month's
-- generations are stored together. A generationId is still billed once in
-- the whole ledger: the UNIQUE index billed_generation_firsts_by_id holds
-- each id once, with only its month beside it (about 30 bytes an entry,
-- where a row is about 75), so the one B-tree a month's ingest must touch
-- all over is the smallest one. Every query by generation_id seeks that
-- index. The table is rebuilt under its own name; legacy_alter_table keeps
-- the RENAME from rewriting, or checking, the views that name it, which
-- refer to it by name and see the new table.
CREATE TABLE billed_generation_firsts_by_month_key (
    generation_id TEXT    NOT NULL,
    record_id     INTEGER NOT NULL,  -- response_records.id of the earliest record
    billed_at     TEXT    NOT NULL,
    month         TEXT    NOT NULL,
    org_id        TEXT    NOT NULL,
    version       TEXT    NOT NULL,
    PRIMARY KEY (month, generation_id)
) WITHOUT ROWID;
INSERT INTO billed_generation_firsts_by_month_key (generation_id, record_id, billed_at, month, org_id, version)
SELECT generation_id, record_id, billed_at, month, org_id, version FROM billed_generation_firsts ORDER BY month, generation_id;
PRAGMA legacy_alter_table = ON;
DROP TABLE billed_generation_firsts;
ALTER TABLE billed_generation_firsts_by_month_key RENAME TO billed_generation_firsts;
PRAGMA legacy_alter_table = OFF;
CREATE UNIQUE INDEX billed_generation_firsts_by_id ON billed_generation_firsts (generation_id);
CREATE INDEX billed_generation_firsts_by_month ON billed_generation_firsts (month, org_id, version, billed_at);
CREATE TRIGGER billed_generation_firsts_no_delete BEFORE DELETE ON billed_generation_firsts
WHEN OLD.generation_id NOT IN (SELECT generation_id FROM billing_recompute)
BEGIN SELECT RAISE(ABORT, 'billed_generation_firsts is kept by the ledger itself: void the file with `axis-ledger void` or rebuild the ledger instead of deleting rows'); END;
