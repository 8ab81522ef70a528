import Foundation
import GRDB

/// The files of `Corpus/` and the good lines the tests put around them.
enum HostileCorpus {
    static func bytes(_ relativePath: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "Corpus/" + relativePath, withExtension: nil) else {
            throw SampleInputError(message: "Corpus/\(relativePath) is not in the test bundle")
        }
        return Array(try Data(contentsOf: url))
    }

    static func path(_ relativePath: String) throws -> String {
        guard let url = Bundle.module.url(forResource: "Corpus/" + relativePath, withExtension: nil) else {
            throw SampleInputError(message: "Corpus/\(relativePath) is not in the test bundle")
        }
        return url.path
    }

    /// A valid response record billed as `generation`.
    static func goodResponse(generation: String) -> String {
        #"{"timestamp":"2026-10-05T09:00:00Z","orgId":"org_good","endpoint":"/v2/cinematic-image","httpStatus":200,"requestId":"req_\#(generation)","response":{"success":true,"generationId":"\#(generation)"}}"#
    }

    static let csvHeader = "timestamp,orgId,endpoint,httpStatus,method,idempotencyKey,requestId,durationMs,retryAfter,rateLimitRemaining"

    /// A valid request-log row with request id `request`.
    static func goodCSVRow(request: String) -> String {
        "2026-10-05T09:00:00Z,org_good,/v1/generate-image,200,POST,,\(request),120,,"
    }

    /// What a ledger kept of one ingest: stored ids and quarantined lines.
    struct Kept {
        var generationIds: Set<String> = []
        var requestIds: Set<String> = []
        var rejects: [(line: Int, reason: String, raw: [UInt8])] = []
        var files = 0
    }

    static func kept(in ledger: String) throws -> Kept {
        guard FileManager.default.fileExists(atPath: ledger) else { return Kept() }
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: ledger, configuration: configuration)
        return try queue.read { db in
            var kept = Kept()
            kept.generationIds = Set(try String.fetchAll(db, sql: "SELECT generation_id FROM response_records WHERE generation_id IS NOT NULL"))
            kept.requestIds = Set(try String.fetchAll(db, sql: "SELECT request_id FROM request_attempts WHERE request_id IS NOT NULL"))
            kept.rejects = try Row.fetchAll(db, sql: "SELECT line_number, reason, CAST(raw_line AS BLOB) AS raw FROM rejected_lines ORDER BY id").map {
                ($0["line_number"], $0["reason"], Array(($0["raw"] as Data?) ?? Data()))
            }
            kept.files = try Int.fetchOne(db, sql: "SELECT count(*) FROM ingested_files") ?? 0
            return kept
        }
    }
}
