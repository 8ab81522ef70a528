-- 0010: a log that only grew since it was ingested is read from where the
-- last ingest stopped (docs/reliability.md, "Grown logs"; docs/schema.md,
-- "Files read in parts").
--
-- Each ingest of a grown log is one more row of ingested_files, a part, in
-- its own transaction. A part's sha256 and size_bytes are still those of the
-- file's first size_bytes bytes, from byte 0: the bytes every part so far
-- has read. That is what the next ingest checks (the SHA-256 of the file's
-- first size_bytes bytes must equal sha256), and what makes ingesting the
-- same bytes again add nothing. Its counts (lines_read, accepted, ...) are of
-- the lines it read itself. Line numbers stay the file's own: a part's
-- records are at their true file:line.
--
-- continues_file_id: the part this one carries on from (the latest earlier
--   ingest of the same file), NULL for a file read whole from its start.
-- start_offset: the byte where this part began reading (0 when read whole).
-- first_line: the number of the first physical line it read (1 when read
--   whole). When the last ingest ended on a line without a line ending that
--   has grown since, that line is read again whole, and first_line is that
--   line's number: the earlier part keeps what it read then.
-- last_line: the number of the last physical line it read; NULL for files
--   ingested before this version (the next ingest counts them from the bytes).
ALTER TABLE ingested_files ADD COLUMN continues_file_id INTEGER REFERENCES ingested_files(id);
ALTER TABLE ingested_files ADD COLUMN start_offset INTEGER NOT NULL DEFAULT 0 CHECK (start_offset >= 0);
ALTER TABLE ingested_files ADD COLUMN first_line INTEGER NOT NULL DEFAULT 1 CHECK (first_line >= 1);
ALTER TABLE ingested_files ADD COLUMN last_line INTEGER;

-- The latest ingest of a file, found by where it was, at each ingest.
CREATE INDEX ingested_files_by_source ON ingested_files (source_path, id);

-- Every ingested file with the parts it was read in: part 1 is the part
-- read whole (continues_file_id NULL), each later part continues the one
-- before. log_id is the id of part 1, so a log's parts share it.
CREATE VIEW file_parts AS
WITH RECURSIVE chain(id, log_id, part) AS (
    SELECT id, id, 1 FROM ingested_files WHERE continues_file_id IS NULL AND sha256 NOT LIKE 'pending:%'
    UNION ALL
    SELECT f.id, chain.log_id, chain.part + 1
    FROM ingested_files AS f JOIN chain ON f.continues_file_id = chain.id
    WHERE f.sha256 NOT LIKE 'pending:%'
)
SELECT chain.log_id, chain.part, f.id AS file_id, f.path, f.start_offset, f.size_bytes AS end_offset,
       f.first_line, f.last_line
FROM chain JOIN ingested_files AS f ON f.id = chain.id;
