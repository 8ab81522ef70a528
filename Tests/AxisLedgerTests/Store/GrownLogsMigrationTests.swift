import Foundation
import GRDB
import LedgerMigrations
import Testing
@testable import AxisLedger

/// migrations/0010_grown_logs.sql on a ledger made before it: its files keep
/// every count and become logs of one part read whole, and a log ingested
/// then, which grew since, is read on from where that ingest stopped.
struct GrownLogsMigrationTests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
    }

    /// A ledger at the schema before 0010, made by applying the earlier migrations as the migrator did.
    private func ledgerBefore0010(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            for migration in EmbeddedMigrations.all where migration.version < 10 {
                try db.execute(sql: migration.sql)
                try db.execute(sql: "INSERT INTO schema_migrations VALUES (?, ?, '2026-11-01T00:00:00.000Z')", arguments: [migration.version, migration.name])
                try db.execute(sql: "PRAGMA user_version = \(migration.version)")
            }
        }
        try queue.close()
    }

    @Test func filesIngestedBeforeAreLogsOfOnePartWithTheirCountsKept() throws {
        let path = folder.path("ledger.sqlite")
        try ledgerBefore0010(path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO ingested_files (path, source_path, format, compressed, size_bytes, sha256, lines_read, blank, accepted,
                                            duplicates, rejected, ingested_at)
                VALUES ('old.jsonl', '/data/old.jsonl', 'jsonl', 0, 120, 'abc', 3, 1, 1, 1, 0, '2026-10-01T00:00:00.000Z')
                """)
        }
        try queue.close()
        let ledger = try LedgerDatabase(path: path)
        #expect(try ledger.schemaVersion() == SchemaMigrator.latestVersion)
        let row = try #require(try ledger.queue.read { db in
            try Row.fetchOne(db, sql: "SELECT lines_read, blank, accepted, duplicates, rejected, continues_file_id, start_offset, first_line, last_line FROM ingested_files")
        })
        #expect(row == ["lines_read": 3, "blank": 1, "accepted": 1, "duplicates": 1, "rejected": 0,
                        "continues_file_id": nil, "start_offset": 0, "first_line": 1, "last_line": nil])
        let part = try ledger.queue.read { db in try Row.fetchOne(db, sql: "SELECT log_id, part, file_id, end_offset FROM file_parts") }
        #expect(part == ["log_id": 1, "part": 1, "file_id": 1, "end_offset": 120])
    }

    @Test func aLogIngestedWithoutLineNumbersRecordedIsReadOnWithTheRightOnes() throws {
        let ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
        let lines = (1...5).map { SampleLines.success(request: "req_\($0)", generation: "g\($0)") }
        let log = try folder.write("app.jsonl", lines[0..<3].joined(separator: "\n") + "\n")
        #expect(Ingestor(ledger: ledger).ingest(path: log).accepted == 3)
        // What a file ingested before 0010 looks like after it: no last line recorded.
        try ledger.queue.write { db in try db.execute(sql: "UPDATE ingested_files SET last_line = NULL") }
        try folder.write("app.jsonl", lines.joined(separator: "\n") + "\n")
        let report = Ingestor(ledger: ledger).ingest(path: log)
        #expect((report.accepted, report.duplicates, report.howRead.firstLine) == (2, 0, 4))
        let numbers = try ledger.queue.read { db in try Int.fetchAll(db, sql: "SELECT line_number FROM response_records WHERE file_id = 2 ORDER BY id") }
        #expect(numbers == [4, 5])
        #expect(try LedgerVerifier(ledger: ledger).run(rereadingFiles: true).allSatisfy(\.passed))
    }
}
