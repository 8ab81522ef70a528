-- 0011: a lookup of the ids a person has in hand (generationId, requestId,
-- Idempotency-Key) to every record that carries them.
--
-- An index on each id column would cost ingest a random B-tree insert per
-- id (measured: 3.4x the ingest of 1M records into a fresh ledger, more as
-- the ledger grows). Here each ingest writes its ids in segments of at most
-- 65,536 records, each segment sorted by id and numbered above every
-- earlier one, so its rows land at the right edge of id_lookup's B-tree, in
-- order: appended, not scattered. A lookup seeks the id once per segment
-- (record_ids does that), a few hundred seeks on a ledger of ten million.
CREATE TABLE id_lookup_segments (
    segment INTEGER PRIMARY KEY,          -- increases with every segment written
    file_id INTEGER NOT NULL REFERENCES ingested_files(id)
);

CREATE TABLE id_lookup (
    segment      INTEGER NOT NULL,        -- id_lookup_segments.segment
    id           TEXT    NOT NULL,        -- the id as stored in the record
    id_column    INTEGER NOT NULL,        -- 0 generation_id, 1 request_id, 2 idempotency_key
    record_table INTEGER NOT NULL,        -- 0 response_records, 1 request_attempts
    record_id    INTEGER NOT NULL,        -- that table's id
    PRIMARY KEY (segment, id, id_column, record_table, record_id)
) WITHOUT ROWID;

-- Every (id, record) pair, readable: `SELECT * FROM record_ids WHERE id = ?`
-- answers from the lookup in milliseconds. CROSS JOIN keeps the segments as
-- the outer loop, so the id is sought in each segment by the primary key.
CREATE VIEW record_ids AS
SELECT l.id,
       CASE l.id_column WHEN 0 THEN 'generation_id' WHEN 1 THEN 'request_id' ELSE 'idempotency_key' END AS id_column,
       CASE l.record_table WHEN 0 THEN 'response_records' ELSE 'request_attempts' END AS record_table,
       l.record_id,
       s.file_id
FROM id_lookup_segments AS s CROSS JOIN id_lookup AS l ON l.segment = s.segment;

-- The ids of a ledger made before this version: one segment per file.
INSERT INTO id_lookup_segments (segment, file_id) SELECT id, id FROM ingested_files ORDER BY id;
INSERT INTO id_lookup (segment, id, id_column, record_table, record_id)
SELECT * FROM (
    SELECT file_id, generation_id, 0, 0, id FROM response_records WHERE generation_id <> ''
    UNION ALL SELECT file_id, request_id, 1, 0, id FROM response_records WHERE request_id <> ''
    UNION ALL SELECT file_id, idempotency_key, 2, 0, id FROM response_records WHERE idempotency_key <> ''
    UNION ALL SELECT file_id, request_id, 1, 1, id FROM request_attempts WHERE request_id <> ''
    UNION ALL SELECT file_id, idempotency_key, 2, 1, id FROM request_attempts WHERE idempotency_key <> ''
) ORDER BY 1, 2, 3, 4, 5;
