-- 0004: where each ingested file was, in full, and how many of its bad
-- lines had been quarantined before.
--
-- path now holds one stable form (relative to the ledger's folder when the
-- file is in it or below, else the file's name), so reports do not depend
-- on how the command line named the file; source_path keeps the absolute
-- path, its folders resolved, for SQL. Both have secrets redacted. Files
-- ingested before this version keep path as it was given then, copied into
-- source_path.
ALTER TABLE ingested_files ADD COLUMN source_path TEXT NOT NULL DEFAULT '';
UPDATE ingested_files SET source_path = path;

-- A bad line already in rejected_lines (same line_hash) is counted in its
-- file's `rejected` but not stored again: rejected_known says how many, so
-- rejected - rejected_known lines of rejected_lines belong to the file.
-- Before this version such a line was counted as a duplicate: 0.
ALTER TABLE ingested_files ADD COLUMN rejected_known INTEGER NOT NULL DEFAULT 0;
