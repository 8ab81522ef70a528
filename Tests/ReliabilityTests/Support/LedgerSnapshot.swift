import Foundation
import GRDB

/// What a ledger holds, read without the library: the numbers two ledgers
/// must share to count the same (row counts, monthly usage, 402 events and
/// each ingested file's counts), and the checks a crash must never break.
struct LedgerSnapshot: Equatable, CustomStringConvertible {
    /// One `ingested_files` row, without its path-independent time.
    struct FileCounts: Equatable {
        /// The full path it was read from (`source_path`; `path` is the shorter recorded form).
        var path: String
        var linesRead: Int, blank: Int, accepted: Int, duplicates: Int, rejected: Int
        var pending: Bool
    }

    var responseRecords = 0
    var requestAttempts = 0
    var rejectedLines = 0
    var monthlyUsage: [String] = []
    var events402 = 0
    /// In ingest order.
    var files: [FileCounts] = []

    /// The rows of every record table.
    var storedRecords: Int { responseRecords + requestAttempts }

    var description: String {
        "records \(responseRecords)+\(requestAttempts), rejected \(rejectedLines), 402 events \(events402), files \(files.map { "\(URL(fileURLWithPath: $0.path).lastPathComponent)(\($0.accepted))" })"
    }

    /// Reads the ledger at `path` read-only. A file without the ledger's
    /// tables (an ingest killed before its schema was created) reads as empty.
    static func read(_ path: String) throws -> LedgerSnapshot {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in
            var snapshot = LedgerSnapshot()
            guard try db.tableExists("ingested_files"), try db.viewExists("monthly_usage") else { return snapshot }
            snapshot.responseRecords = try Int.fetchOne(db, sql: "SELECT count(*) FROM response_records") ?? -1
            snapshot.requestAttempts = try Int.fetchOne(db, sql: "SELECT count(*) FROM request_attempts") ?? -1
            snapshot.rejectedLines = try Int.fetchOne(db, sql: "SELECT count(*) FROM rejected_lines") ?? -1
            snapshot.events402 = try Int.fetchOne(db, sql: "SELECT count(*) FROM events_402") ?? -1
            snapshot.monthlyUsage = try String.fetchAll(db, sql: """
                SELECT month || ' ' || org_id || ' ' || version || ' ' || generations FROM monthly_usage ORDER BY 1
                """)
            snapshot.files = try Row.fetchAll(db, sql: "SELECT * FROM ingested_files ORDER BY id").map { row in
                FileCounts(path: row["source_path"], linesRead: row["lines_read"], blank: row["blank"], accepted: row["accepted"],
                           duplicates: row["duplicates"], rejected: row["rejected"],
                           pending: (row["sha256"] as String).hasPrefix("pending:"))
            }
            return snapshot
        }
    }

    /// `PRAGMA integrity_check`'s answer: `["ok"]` for a sound file.
    static func integrityCheck(_ path: String) throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Moves the WAL into the main file and empties it, so that a grep of
    /// the files sees every byte the ledger holds in one place.
    static func checkpoint(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
    }
}
