import Foundation
import GRDB
import GRDBSQLite

/// Writes accepted records and rejected lines inside one ingest transaction,
/// with statements prepared once per file.
///
/// Every insert is `ON CONFLICT (line_hash) DO NOTHING`: a line stored
/// before (by any file) is not stored again, and the caller counts it as a
/// duplicate. Such a repeat is noted in `line_occurrences` (this file, its
/// line, the stored row it repeats), so that voiding the file that stored the
/// line first keeps it while this file is live. Only repeats cost a look-up
/// and an insert; a file without them is stored as before.
struct RecordWriter {
    private let fileId: Int64
    private let insertResponse: ParameterBinder
    private let insertRequest: ParameterBinder
    private let insertReject: ParameterBinder
    private let noteRepeatedResponse: ParameterBinder
    private let noteRepeatedRequest: ParameterBinder
    private let noteRepeatedReject: ParameterBinder
    private let billing: BilledGenerationWriter
    private let idLookup: IdLookupWriter
    /// Records per segment of the id lookup.
    let idSegmentSize: Int64
    /// The largest record ids before this file: the file's records are the ones above them.
    private let lastRecordIdsBefore: (responses: Int64, attempts: Int64)
    private let db: Database
    /// The longest stored line this connection binds, under SQLite's length
    /// limit: a longer one would bind as NULL, fail `NOT NULL` and refuse its file.
    private let longestStoredLine: Int
    /// Billing's month index is made after the file's billing instead of row
    /// by row (``DeferredIndex``): true only for a staged ledger's first file.
    private let defersBillingMonthIndex: Bool
    /// Measures the id lookup's and billing's phases (`ingest --timings`).
    private let clock: PhaseClock

    init(db: Database, fileId: Int64, billingSliceSize: Int64 = BilledGenerationWriter.defaultRecordsPerSlice,
         idSegmentSize: Int64 = IdLookupWriter.recordsPerSegment, defersBillingMonthIndex: Bool = false,
         clock: PhaseClock? = nil) throws {
        self.fileId = fileId
        self.clock = clock ?? PhaseClock(connection: db.sqliteConnection)
        self.db = db
        self.defersBillingMonthIndex = defersBillingMonthIndex
        longestStoredLine = Int(sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_LENGTH, -1)) - 64 * 1024
        lastRecordIdsBefore = try IdLookupWriter.lastRecordIds(db)
        billing = try BilledGenerationWriter(db: db, recordsPerSlice: billingSliceSize)
        idLookup = try IdLookupWriter(db: db, fileId: fileId, after: lastRecordIdsBefore, recordsPerSegment: idSegmentSize)
        self.idSegmentSize = idSegmentSize
        insertResponse = ParameterBinder(try db.cachedStatement(sql: """
            INSERT INTO response_records (
                file_id, line_number, line_hash, occurred_at, month, org_id, endpoint, version, http_status,
                idempotency_key, request_id, duration_ms, success, generation_id, image_url, visual_metaphor,
                semantic_translation_ms, provider_latency_ms, error_code, error_message,
                prompt, category, aspect_ratio, resolution, cinematic_mode)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (line_hash) DO NOTHING
            """), in: db)
        insertRequest = ParameterBinder(try db.cachedStatement(sql: """
            INSERT INTO request_attempts (
                file_id, line_number, line_hash, occurred_at, month, org_id, endpoint, version, http_status,
                method, idempotency_key, request_id, duration_ms, retry_after_s, rate_limit_remaining)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (line_hash) DO NOTHING
            """), in: db)
        insertReject = ParameterBinder(try db.cachedStatement(sql: """
            INSERT INTO rejected_lines (file_id, line_number, line_hash, reason, raw_line)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (line_hash) DO NOTHING
            """), in: db)
        func noteRepeat(kind: String, table: String) throws -> ParameterBinder {
            ParameterBinder(try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO line_occurrences (file_id, line_number, kind, record_id)
                SELECT ?1, ?2, '\(kind)', id FROM \(table) WHERE line_hash = ?3
                """), in: db)
        }
        noteRepeatedResponse = try noteRepeat(kind: "response", table: "response_records")
        noteRepeatedRequest = try noteRepeat(kind: "request", table: "request_attempts")
        noteRepeatedReject = try noteRepeat(kind: "reject", table: "rejected_lines")
    }

    /// Writes the ids of the records stored so far to the lookup, as many
    /// segments as they fill (``IdLookupWriter``); call now and then while
    /// lines are stored, at least ``idSegmentSize`` records apart.
    func writeFilledIdSegments() throws {
        try clock.measure(.idLookup) { try idLookup.writeFullSegments(through: try IdLookupWriter.lastRecordIds(db)) }
    }

    /// Applies the billing rule to the records this file stored and writes
    /// the rest of their ids to the lookup; call once, after the last line.
    func finishFile() throws {
        let lastRecordIds = try IdLookupWriter.lastRecordIds(db)
        try clock.measure(.idLookup) { try idLookup.writeRest(through: lastRecordIds) }
        try clock.measure(.billing) {
            let deferred = defersBillingMonthIndex ? try DeferredIndex.drop(DeferredIndex.billedByMonth, db) : nil
            try db.execute(sql: "PRAGMA threads = \(BilledGenerationWriter.sortHelperThreads)")
            defer { try? db.execute(sql: "PRAGMA threads = 0") }
            try billing.applyRecords(storedAfter: lastRecordIdsBefore.responses, through: lastRecordIds.responses)
            try billing.applyRepeatedRecordsOfVoidedFiles(repeatedBy: fileId, db)
            try deferred?.build(db)
        }
    }

    /// The identity of a line: the first 128 bits of its SHA-256. A rejected
    /// line is stored under it; a record under its month followed by it
    /// (``BindableRow``, migration 0012), so that the UNIQUE index over
    /// `line_hash` is in month order.
    static func lineHash(_ line: [UInt8]) -> [UInt8] {
        let (high, low) = line.withUnsafeBytes { SHA256.prefix128($0) }
        return withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { Array($0) }
    }

    /// Stores a record; false when its line was stored before (a duplicate).
    func store(_ row: BindableRow) throws -> Bool {
        let b = row.table == .responseRecords ? insertResponse : insertRequest
        b.bind(1, fileId)
        guard try row.withBound(to: b.statement, from: 2, { try b.run() > 0 }) else {
            try noteRepeat(row.table == .responseRecords ? noteRepeatedResponse : noteRepeatedRequest, line: row.lineNumber, hash: row.lineHash)
            return false
        }
        return true
    }

    /// Notes that line `line` of this file repeats the stored row with `hash`.
    private func noteRepeat(_ b: ParameterBinder, line: Int, hash: [UInt8]) throws {
        b.bind(1, fileId)
        b.bind(2, line)
        b.bindBlob(3, hash)
        _ = try b.run()
    }

    /// Quarantines a bad line with its reason; false when the same line was
    /// quarantined before.
    func reject(line: Int, storedLine longLine: [UInt8], reason: String, hash: [UInt8]) throws -> Bool {
        // Over SQLite's limit, a line keeps its first bytes, as a line over the line limit does.
        let storedLine = longLine.count <= longestStoredLine ? longLine : Array(longLine.prefix(LineReader.keptPrefixOfLongLine))
        let b = insertReject
        b.bind(1, fileId)
        b.bind(2, line)
        b.bindBlob(3, hash)
        b.bind(4, reason)
        // Kept as TEXT when it is valid UTF-8, so the sqlite3 shell shows it; else as the bytes read.
        // A NUL byte is valid UTF-8, but text with one reads cut short in the sqlite3 shell and in length(): such a line is kept as bytes.
        if storedLine.contains(0) { b.bindBlob(5, storedLine) } else { b.bindTextOrBlob(5, storedLine) }
        guard try b.run() > 0 else {
            try noteRepeat(noteRepeatedReject, line: line, hash: hash)
            return false
        }
        return true
    }
}
