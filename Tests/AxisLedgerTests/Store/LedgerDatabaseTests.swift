import Foundation
import GRDB
import Testing
@testable import AxisLedger

struct LedgerDatabaseTests {
    @Test func newDatabaseIsMigratedToTheLatestVersionInWALMode() throws {
        let directory = try TemporaryDirectory()
        let ledger = try LedgerDatabase(path: directory.path("ledger.sqlite"))
        #expect(try ledger.schemaVersion() == SchemaMigrator.latestVersion)
        let mode = try ledger.queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let recorded = try ledger.queue.read { db in try Int.fetchAll(db, sql: "SELECT version FROM schema_migrations ORDER BY version") }
        #expect(recorded == Array(1...SchemaMigrator.latestVersion))
    }

    @Test func newDatabaseIsReadableByItsOwnerOnly() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.sqlite")
        _ = try LedgerDatabase(path: path)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test func aNewLedgerAppearsCompleteAndLeavesNothingBeside() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.sqlite")
        let ledger = try LedgerDatabase(path: path)
        // Read-only works at once: there is no journal to replay, the schema is whole.
        let reader = try LedgerDatabase(path: path, readOnly: true)
        #expect(try reader.schemaVersion() == SchemaMigrator.latestVersion)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
        #expect(names.filter { $0.contains(".creating-") }.isEmpty, "\(names)")
        _ = ledger
    }

    @Test func stagingFilesOfADeadCreationAreRemovedWhenTheLedgerIsCreated() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.sqlite")
        // A process that has ended: its id is free, as a killed creator's would be.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let abandoned = "\(path).creating-\(ended.processIdentifier)"
        for name in [abandoned, abandoned + "-journal"] {
            #expect(FileManager.default.createFile(atPath: name, contents: Data("half made".utf8)))
        }
        // Another ledger's staging file and an unrelated name are left alone.
        let other = directory.path("other.sqlite.creating-\(ended.processIdentifier)")
        let unrelated = directory.path("ledger.sqlite.creating-notes.txt")
        for name in [other, unrelated] { #expect(FileManager.default.createFile(atPath: name, contents: Data())) }

        _ = try LedgerDatabase(path: path)
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(!FileManager.default.fileExists(atPath: abandoned + "-journal"))
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(FileManager.default.fileExists(atPath: unrelated))
    }

    @Test func ledgersCreatedAtTheSameTimeAreOneLedger() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.sqlite")
        let versions = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<6 {
                group.addTask { try LedgerDatabase(path: path).schemaVersion() }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(versions == Array(repeating: SchemaMigrator.latestVersion, count: 6))
        let ledger = try LedgerDatabase(path: path)
        let recorded = try await ledger.queue.read { db in
            try Int.fetchAll(db, sql: "SELECT version FROM schema_migrations ORDER BY version")
        }
        #expect(recorded == Array(1...SchemaMigrator.latestVersion))
    }

    @Test func reopeningIsSafeAndKeepsTheVersion() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.sqlite")
        _ = try LedgerDatabase(path: path)
        let again = try LedgerDatabase(path: path)
        #expect(try again.schemaVersion() == SchemaMigrator.latestVersion)
    }

    @Test func databaseFromANewerSchemaIsRefusedAndLeftUnchanged() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.sqlite")
        let ledger = try LedgerDatabase(path: path)
        try ledger.queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 999") }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: LedgerError.schemaTooNew(path: path, found: 999, known: SchemaMigrator.latestVersion)) {
            _ = try LedgerDatabase(path: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(LedgerError.schemaTooNew(path: path, found: 999, known: 2).description.contains("newer axis-ledger"))
    }

    @Test func anotherSQLiteFileIsNotTakenForALedger() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("other.sqlite")
        let other = try DatabaseQueue(path: path)
        try other.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        #expect(throws: LedgerError.notALedger(path: path)) { _ = try LedgerDatabase(path: path) }
    }

    @Test func readOnlyOpenOfAMissingFileSaysHowToCreateIt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("missing.sqlite")
        #expect(throws: LedgerError.databaseMissing(path: path)) { _ = try LedgerDatabase(path: path, readOnly: true) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
