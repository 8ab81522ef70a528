import GRDB
import GRDBSQLite

/// Fills `id_lookup` (migration 0011, docs/schema.md "Looking up an id") with
/// the ids of the records one file stored, inside the file's transaction.
///
/// An index on each id column would insert every id at a random place in a
/// B-tree as large as the ledger: measured on 1,000,000 records, 3.4 times the
/// ingest, and worse as the ledger grows past the page cache. Here the ids
/// are written in segments of at most ``recordsPerSegment`` records, each
/// sorted by id and numbered above every earlier segment, so every row lands
/// at the right edge of `id_lookup`'s B-tree in key order: an append. A
/// reader seeks the id once per segment (the `record_ids` view), and gets
/// every record or none: the rows are written in the same transaction as
/// the records they point to.
///
/// A segment is written as soon as the file's records fill it
/// (``writeFullSegments(through:)``, called by ingest between batches of
/// lines), the rest when the file ends (``writeRest(through:)``): while
/// ingest stores lines the storing thread waits now and then for the
/// parsing one, and a segment's records are still in the page cache.
final class IdLookupWriter {
    /// Records per segment: the sort of one segment's ids (up to three per
    /// record) stays in SQLite's sort buffer, and a ledger of 10,000,000
    /// records has about 150 segments to seek.
    static let recordsPerSegment: Int64 = 65_536

    /// Every id of one record table, as (id, id_column, record_table, record_id), for ids in `?2 < id <= ?3`.
    private static func ids(of table: String, columns: [(name: String, code: Int)], tableCode: Int) -> String {
        let parts = columns.map { column in
            "SELECT \(column.name) AS id, \(column.code) AS id_column, \(tableCode) AS record_table, id AS record_id FROM \(table) WHERE id > ?2 AND id <= ?3 AND \(column.name) <> ''"
        }
        return """
            INSERT INTO id_lookup (segment, id, id_column, record_table, record_id)
            SELECT ?1, id, id_column, record_table, record_id FROM (
                \(parts.joined(separator: "\n    UNION ALL "))
            ) ORDER BY id, id_column, record_table, record_id
            """
    }

    /// The SQL that fills one segment from response records.
    static let responseIds = ids(of: "response_records",
                                 columns: [("generation_id", 0), ("request_id", 1), ("idempotency_key", 2)], tableCode: 0)
    /// The SQL that fills one segment from request-log lines.
    static let attemptIds = ids(of: "request_attempts", columns: [("request_id", 1), ("idempotency_key", 2)], tableCode: 1)

    /// Every row `id_lookup` should hold, computed from the records: what `verify` compares it with.
    static let fromScratch = """
        SELECT generation_id AS id, 0 AS id_column, 0 AS record_table, id AS record_id, file_id FROM response_records WHERE generation_id <> ''
        UNION ALL SELECT request_id, 1, 0, id, file_id FROM response_records WHERE request_id <> ''
        UNION ALL SELECT idempotency_key, 2, 0, id, file_id FROM response_records WHERE idempotency_key <> ''
        UNION ALL SELECT request_id, 1, 1, id, file_id FROM request_attempts WHERE request_id <> ''
        UNION ALL SELECT idempotency_key, 2, 1, id, file_id FROM request_attempts WHERE idempotency_key <> ''
        """

    private let db: Database
    private let fileId: Int64
    private let fillFromResponses: ParameterBinder
    private let fillFromAttempts: ParameterBinder
    private let newSegment: ParameterBinder
    private let recordsPerSegment: Int64
    /// The largest record ids whose ids are written: the file's first segments start after them.
    private var writtenThrough: (responses: Int64, attempts: Int64)

    /// - Parameter before: the largest record ids before this file (``lastRecordIds(_:)``).
    init(db: Database, fileId: Int64, after before: (responses: Int64, attempts: Int64),
         recordsPerSegment: Int64 = IdLookupWriter.recordsPerSegment) throws {
        precondition(recordsPerSegment > 0, "a segment holds at least one record")
        self.db = db
        self.fileId = fileId
        self.recordsPerSegment = recordsPerSegment
        writtenThrough = before
        fillFromResponses = ParameterBinder(try db.cachedStatement(sql: Self.responseIds), in: db)
        fillFromAttempts = ParameterBinder(try db.cachedStatement(sql: Self.attemptIds), in: db)
        newSegment = ParameterBinder(try db.cachedStatement(sql: "INSERT INTO id_lookup_segments (file_id) VALUES (?)"), in: db)
    }

    /// The largest id of each record table so far (0 when empty); ids only grow.
    static func lastRecordIds(_ db: Database) throws -> (responses: Int64, attempts: Int64) {
        let row = try Row.fetchOne(db, sql: "SELECT (SELECT coalesce(max(id), 0) FROM response_records), (SELECT coalesce(max(id), 0) FROM request_attempts)")
        return (row?[0] ?? 0, row?[1] ?? 0)
    }

    /// Writes the segments the records stored so far fill, up to the largest
    /// ids `last` (``lastRecordIds(_:)``); a segment not yet full waits.
    func writeFullSegments(through last: (responses: Int64, attempts: Int64)) throws {
        try writeSegments(through: last, fullOnly: true)
    }

    /// Writes the ids of every record stored up to `last` not written yet: call once, after the file's last line.
    func writeRest(through last: (responses: Int64, attempts: Int64)) throws {
        try writeSegments(through: last, fullOnly: false)
    }

    private func writeSegments(through last: (responses: Int64, attempts: Int64), fullOnly: Bool) throws {
        writtenThrough.responses = try write(fillFromResponses, after: writtenThrough.responses, through: last.responses, fullOnly: fullOnly)
        writtenThrough.attempts = try write(fillFromAttempts, after: writtenThrough.attempts, through: last.attempts, fullOnly: fullOnly)
    }

    /// Writes segments of ids above `first` up to `last`; returns the last id written.
    private func write(_ fill: ParameterBinder, after first: Int64, through last: Int64, fullOnly: Bool) throws -> Int64 {
        var start = first
        while start < last {
            let end = min(last, start + recordsPerSegment)
            if fullOnly && end - start < recordsPerSegment { break }
            newSegment.bind(1, fileId)
            _ = try newSegment.run()
            fill.bind(1, db.lastInsertedRowID)
            fill.bind(2, start)
            fill.bind(3, end)
            _ = try fill.run()
            start = end
        }
        return start
    }

    /// Fills the (empty) lookup from records stored by other means than
    /// ingest, such as a test's own INSERTs: one segment per file.
    static func fillFromScratch(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO id_lookup_segments (file_id) SELECT DISTINCT file_id FROM (\(fromScratch)) ORDER BY file_id")
        try db.execute(sql: """
            INSERT INTO id_lookup (segment, id, id_column, record_table, record_id)
            SELECT s.segment, x.id, x.id_column, x.record_table, x.record_id
            FROM (\(fromScratch)) AS x JOIN id_lookup_segments AS s ON s.file_id = x.file_id
            ORDER BY 1, 2, 3, 4, 5
            """)
    }
}
