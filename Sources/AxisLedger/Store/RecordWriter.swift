import Foundation
import GRDB

/// Writes accepted records and rejected lines inside one ingest transaction,
/// with statements prepared once per file.
///
/// Every insert is `ON CONFLICT (line_hash) DO NOTHING`: a line stored
/// before (by any file) is not stored again, and the caller counts it as a
/// duplicate.
struct RecordWriter {
    private let fileId: Int64
    private let insertResponse: ParameterBinder
    private let insertRequest: ParameterBinder
    private let insertReject: ParameterBinder
    private let billing: BilledGenerationWriter
    /// The largest response record id before this file: the file's records are the ones above it.
    private let lastResponseIdBefore: Int64
    private let db: Database

    init(db: Database, fileId: Int64, billingSliceSize: Int64 = BilledGenerationWriter.defaultRecordsPerSlice) throws {
        self.fileId = fileId
        self.db = db
        lastResponseIdBefore = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM response_records") ?? 0
        billing = try BilledGenerationWriter(db: db, recordsPerSlice: billingSliceSize)
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
    }

    /// Applies the billing rule to the records this file stored; call once, after the last line.
    func finishFile() throws {
        let lastId = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM response_records") ?? 0
        try billing.applyRecords(storedAfter: lastResponseIdBefore, through: lastId)
    }

    /// The identity of a stored line: the first 128 bits of its SHA-256.
    static func lineHash(_ line: [UInt8]) -> [UInt8] {
        let (high, low) = line.withUnsafeBytes { SHA256.prefix128($0) }
        return withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { Array($0) }
    }

    /// Stores a record; false when its line was stored before (a duplicate).
    func store(_ record: ParsedRecord, line: Int, hash: [UInt8]) throws -> Bool {
        switch record {
        case .response(let r):
            let b = insertResponse
            let forms = r.occurredAt.storedForms
            bindCommon(b, line: line, hash: hash, time: forms, org: r.orgId, endpoint: r.endpoint, version: r.version, status: r.httpStatus)
            b.bind(10, r.idempotencyKey)
            b.bind(11, r.requestId)
            b.bind(12, r.durationMs)
            b.bind(13, r.success)
            b.bind(14, r.generationId)
            b.bind(15, r.imageUrl)
            b.bind(16, r.visualMetaphor)
            b.bind(17, r.semanticTranslationMs)
            b.bind(18, r.providerLatencyMs)
            b.bind(19, r.errorCode)
            b.bind(20, r.errorMessage)
            b.bind(21, r.prompt)
            b.bind(22, r.category)
            b.bind(23, r.aspectRatio)
            b.bind(24, r.resolution)
            b.bind(25, r.cinematicMode)
            return try b.run() > 0
        case .request(let a):
            let b = insertRequest
            bindCommon(b, line: line, hash: hash, time: a.occurredAt.storedForms, org: a.orgId, endpoint: a.endpoint, version: a.version, status: a.httpStatus)
            b.bind(10, a.method)
            b.bind(11, a.idempotencyKey)
            b.bind(12, a.requestId)
            b.bind(13, a.durationMs)
            b.bind(14, a.retryAfterSeconds)
            b.bind(15, a.rateLimitRemaining)
            return try b.run() > 0
        }
    }

    private func bindCommon(_ b: ParameterBinder, line: Int, hash: [UInt8], time: (iso8601: String, month: String), org: String, endpoint: String, version: APIVersion, status: Int) {
        b.bind(1, fileId)
        b.bind(2, line)
        b.bindBlob(3, hash)
        b.bind(4, time.iso8601)
        b.bind(5, time.month)
        b.bind(6, org)
        b.bind(7, endpoint)
        b.bind(8, version.rawValue)
        b.bind(9, status)
    }

    /// Quarantines a bad line with its reason; false when the same line was
    /// quarantined before.
    func reject(line: Int, storedLine: [UInt8], reason: String, hash: [UInt8]) throws -> Bool {
        let b = insertReject
        b.bind(1, fileId)
        b.bind(2, line)
        b.bindBlob(3, hash)
        b.bind(4, reason)
        // Kept as TEXT when it is valid UTF-8, so the sqlite3 shell shows it; else as the bytes read.
        // A NUL byte is valid UTF-8, but text with one reads cut short in the sqlite3 shell and in length(): such a line is kept as bytes.
        if storedLine.contains(0) { b.bindBlob(5, storedLine) } else { b.bindTextOrBlob(5, storedLine) }
        return try b.run() > 0
    }
}
