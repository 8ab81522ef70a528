import Foundation
import GRDB

/// Writes accepted records, rejected lines and file rows inside one ingest
/// transaction, with statements prepared once per file.
///
/// Every insert is `ON CONFLICT (line_hash) DO NOTHING`: a line stored
/// before (by any file) is not stored again, and the caller counts it as a
/// duplicate.
struct RecordWriter {
    private let db: Database
    private let fileId: Int64
    private let insertResponse: GRDB.Statement
    private let insertRequest: GRDB.Statement
    private let insertReject: GRDB.Statement

    init(db: Database, fileId: Int64) throws {
        self.db = db
        self.fileId = fileId
        insertResponse = try db.cachedStatement(sql: """
            INSERT INTO response_records (
                file_id, line_number, line_hash, occurred_at, month, org_id, endpoint, version, http_status,
                idempotency_key, request_id, duration_ms, success, generation_id, image_url, visual_metaphor,
                semantic_translation_ms, provider_latency_ms, error_code, error_message,
                prompt, category, aspect_ratio, resolution, cinematic_mode)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (line_hash) DO NOTHING
            """)
        insertRequest = try db.cachedStatement(sql: """
            INSERT INTO request_attempts (
                file_id, line_number, line_hash, occurred_at, month, org_id, endpoint, version, http_status,
                method, idempotency_key, request_id, duration_ms, retry_after_s, rate_limit_remaining)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (line_hash) DO NOTHING
            """)
        insertReject = try db.cachedStatement(sql: """
            INSERT INTO rejected_lines (file_id, line_number, line_hash, reason, raw_line)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (line_hash) DO NOTHING
            """)
    }

    /// The identity of a stored line: the first 128 bits of its SHA-256.
    static func lineHash(_ line: [UInt8]) -> Data {
        Data(SHA256.hash(line).prefix(16))
    }

    /// Stores a record; false when its line was stored before (a duplicate).
    func store(_ record: ParsedRecord, line: Int, hash: Data) throws -> Bool {
        switch record {
        case .response(let r):
            try insertResponse.execute(arguments: [
                fileId, line, hash, r.occurredAt.iso8601, r.occurredAt.month, r.orgId, r.endpoint, r.version.rawValue,
                r.httpStatus, r.idempotencyKey, r.requestId, r.durationMs, r.success, r.generationId, r.imageUrl,
                r.visualMetaphor, r.semanticTranslationMs, r.providerLatencyMs, r.errorCode, r.errorMessage,
                r.prompt, r.category, r.aspectRatio, r.resolution, r.cinematicMode,
            ])
        case .request(let a):
            try insertRequest.execute(arguments: [
                fileId, line, hash, a.occurredAt.iso8601, a.occurredAt.month, a.orgId, a.endpoint, a.version.rawValue,
                a.httpStatus, a.method, a.idempotencyKey, a.requestId, a.durationMs, a.retryAfterSeconds,
                a.rateLimitRemaining,
            ])
        }
        return db.changesCount > 0
    }

    /// Quarantines a bad line with its reason; false when the same line was
    /// quarantined before.
    func reject(line: Int, storedLine: [UInt8], reason: String, hash: Data) throws -> Bool {
        // Kept as TEXT when it is valid UTF-8, so the sqlite3 shell shows it; else as the bytes read.
        // A NUL byte is valid UTF-8, but SQLite text bound from a Swift string ends at it: such a line is kept as bytes.
        let text = storedLine.contains(0) ? nil : String(validating: storedLine, as: UTF8.self)
        let raw: DatabaseValueConvertible = text ?? Data(storedLine)
        try insertReject.execute(arguments: [fileId, line, hash, reason, raw])
        return db.changesCount > 0
    }
}
