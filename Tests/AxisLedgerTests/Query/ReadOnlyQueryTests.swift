import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// The `sql` command must not be able to change the ledger, statement kind by statement kind.
struct ReadOnlyQueryTests {
    /// Statements that would write; `{dir}` is replaced by the test's folder,
    /// so a file that VACUUM INTO or ATTACH might create can be looked for.
    static let writingStatements: [String] = [
        "INSERT INTO ingested_files (path, format, compressed, size_bytes, sha256, lines_read, blank, accepted, duplicates, rejected, ingested_at) VALUES ('x', 'csv', 0, 0, 'bb', 0, 0, 0, 0, 0, 't')",
        "UPDATE response_records SET org_id = 'org_evil'",
        "DELETE FROM response_records",
        "REPLACE INTO schema_migrations VALUES (1, 'x', 'y')",
        "WITH doomed AS (SELECT id FROM response_records) DELETE FROM response_records WHERE id IN doomed",
        "DROP TABLE rejected_lines",
        "DROP VIEW monthly_usage",
        "CREATE TABLE notes (x)",
        "CREATE TEMP TABLE scratch (x)",
        "CREATE INDEX by_prompt ON response_records (prompt)",
        "ALTER TABLE response_records ADD COLUMN extra TEXT",
        "ATTACH '{dir}/attached.sqlite' AS other",
        "DETACH other",
        "PRAGMA user_version = 5",
        "PRAGMA user_version(5)",
        "PRAGMA main.user_version = 5",
        "PRAGMA journal_mode = delete",
        "PRAGMA query_only = 0",
        "PRAGMA foreign_keys = OFF",
        "PRAGMA optimize",
        "PRAGMA wal_checkpoint(TRUNCATE)",
        "VACUUM INTO '{dir}/copy.sqlite'",
        "VACUUM",
        "REINDEX",
        "ANALYZE",
        "SELECT 1; DELETE FROM response_records",
        "/* a comment first */ vacuum",
    ]

    @Test(arguments: writingStatements)
    func writingStatementIsRefusedAndTheFilesStayByteForByte(_ template: String) throws {
        let ledger = try QueryTestLedger()
        let sql = template.replacingOccurrences(of: "{dir}", with: ledger.directory.url.path)
        let before = ledger.fileBytes()
        do {
            let database = try ledger.readOnly()
            #expect {
                try QueryRunner(ledger: database).run(sql)
            } throws: { error in
                // A pragma off the allow-list is refused before preparing (PragmaAllowListTests).
                if case .pragmaNotAllowed(_, let statement)? = error as? QueryError { return sql.contains(statement) }
                guard case .wouldWrite(let statement)? = error as? QueryError else { return false }
                return sql.contains(statement) && (error as? QueryError)?.description.hasPrefix(
                    "sql: the ledger is opened read-only; this statement would write: ") == true
            }
        }
        #expect(ledger.fileBytes() == before)
        #expect(!FileManager.default.fileExists(atPath: ledger.directory.path("copy.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: ledger.directory.path("attached.sqlite")))
    }

    /// The same with a writer's connection still open, so the WAL holds
    /// frames not yet copied into the database file.
    @Test(arguments: writingStatements)
    func writingStatementIsRefusedWhileTheWALHoldsFrames(_ template: String) throws {
        let ledger = try QueryTestLedger()
        let writer = try LedgerDatabase(path: ledger.path)
        try writer.queue.write { db in
            try db.execute(sql: "INSERT INTO schema_migrations (version, name, applied_at) VALUES (900, 'test frame', 't')")
        }
        let sql = template.replacingOccurrences(of: "{dir}", with: ledger.directory.url.path)
        let before = ledger.fileBytes()
        #expect(before[ledger.path + "-wal"]?.isEmpty == false)
        #expect(throws: QueryError.self) {
            try QueryRunner(ledger: try ledger.readOnly()).run(sql)
        }
        #expect(ledger.fileBytes() == before)
        #expect(!FileManager.default.fileExists(atPath: ledger.directory.path("copy.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: ledger.directory.path("attached.sqlite")))
        _ = writer
    }

    /// The statement check alone refuses, even on a writable connection:
    /// the read-only connection is the second lock, not the only one.
    @Test(arguments: writingStatements)
    func guardRefusesWritesOnAWritableConnectionToo(_ template: String) throws {
        let ledger = try QueryTestLedger()
        let sql = template.replacingOccurrences(of: "{dir}", with: ledger.directory.url.path)
        let writable = try LedgerDatabase(path: ledger.path)
        #expect {
            try QueryRunner(ledger: writable).run(sql)
        } throws: { error in
            switch error as? QueryError {
            case .wouldWrite?, .pragmaNotAllowed?: return true
            default: return false
            }
        }
        let count = try writable.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM response_records") }
        #expect(count == 3)
        #expect(try writable.schemaVersion() == SchemaMigrator.latestVersion)
        #expect(!FileManager.default.fileExists(atPath: ledger.directory.path("copy.sqlite")))
    }

    @Test(arguments: ["BEGIN", "BEGIN IMMEDIATE", "COMMIT", "END", "ROLLBACK", "SAVEPOINT s", "RELEASE s", "-- why\nbegin"])
    func transactionStatementsAreRefused(_ sql: String) throws {
        let ledger = try QueryTestLedger()
        #expect {
            try QueryRunner(ledger: try ledger.readOnly()).run(sql)
        } throws: { error in
            if case .transactionControl? = error as? QueryError { return true }
            return false
        }
    }

    @Test(arguments: [
        "SELECT count(*) FROM response_records",
        "WITH t AS (SELECT 1 AS x) SELECT x FROM t",
        "PRAGMA table_info(response_records)",
        "PRAGMA table_xinfo('monthly_usage')",
        "PRAGMA user_version",
        "PRAGMA integrity_check",
        "EXPLAIN QUERY PLAN SELECT * FROM monthly_usage",
    ])
    func readingStatementsRun(_ sql: String) throws {
        let ledger = try QueryTestLedger()
        let before = ledger.fileBytes()
        let result = try QueryRunner(ledger: try ledger.readOnly()).run(sql)
        #expect(!result.columns.isEmpty)
        #expect(ledger.fileBytes() == before)
    }

    /// The keyword layer on its own: SQLite's verdict says read-only, the guard still refuses.
    @Test(arguments: [
        ("ATTACH 'x.sqlite' AS x", ReadOnlyGuard.Verdict.writes),
        ("detach x", .writes),
        ("VACUUM INTO 'x.sqlite'", .writes),
        ("  /* c */ -- d\n Vacuum", .writes),
        ("PRAGMA anything = 1", .writes),
        ("PRAGMA \"user_version\"(3)", .writes),
        ("PRAGMA [main].journal_mode=wal", .writes),
        ("PRAGMA incremental_vacuum", .writes),
        ("PRAGMA table_info(response_records)", .allowed),
        ("PRAGMA main.index_list(response_records)", .allowed),
        ("PRAGMA user_version", .allowed),
        ("SELECT 1", .allowed),
        ("savepoint a", .transactionControl),
    ])
    func keywordCheckRefusesWhatSQLiteCallsReadOnly(_ sql: String, _ expected: ReadOnlyGuard.Verdict) {
        #expect(ReadOnlyGuard.verdict(sql: sql, sqliteSaysReadOnly: true) == expected)
    }

    @Test func sqlitesVerdictRefusesWhatTheKeywordsMiss() {
        #expect(ReadOnlyGuard.verdict(sql: "SELECT 1", sqliteSaysReadOnly: false) == .writes)
        #expect(ReadOnlyGuard.verdict(sql: "PRAGMA journal_mode", sqliteSaysReadOnly: false) == .writes)
    }
}
