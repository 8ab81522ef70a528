import Foundation
import GRDB
import LedgerMigrations
import Testing
@testable import AxisLedger
import LedgerMigrations

struct LedgerDatabaseTests {
    @Test func newDatabaseIsMigratedToTheLatestVersionInWALMode() throws {
        let directory = try TemporaryDirectory()
        let ledger = try LedgerDatabase(path: directory.path("ledger.sqlite"))
        #expect(try ledger.schemaVersion() == SchemaMigrator.latestVersion)
        let mode = try ledger.queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let recorded = try ledger.queue.read { db in try Int.fetchAll(db, sql: "SELECT version FROM schema_migrations ORDER BY version") }
        #expect(recorded == EmbeddedMigrations.all.map(\.version))
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
        #expect(recorded == EmbeddedMigrations.all.map(\.version))
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
        try other.close()
        #expect {
            _ = try LedgerDatabase(path: path)
        } throws: { error in
            "\(error)" == "\(path) is an SQLite database but not an axis-ledger ledger (application_id 0, no schema_migrations table); give --db the ledger's path, or a new path to create one."
        }
    }

    /// axis-ledger's `PRAGMA application_id`: "AXLG" in ASCII, 0x41584C47.
    static let axisLedgerApplicationID = 0x4158_4C47

    @Test func aNewLedgerCarriesAxisLedgersApplicationID() throws {
        let directory = try TemporaryDirectory()
        let ledger = try LedgerDatabase(path: directory.path("ledger.sqlite"))
        let id = try ledger.queue.read { db in try Int.fetchOne(db, sql: "PRAGMA application_id") }
        #expect(id == Self.axisLedgerApplicationID)
    }

    /// Ledgers made before the application_id existed are known by their
    /// own schema_migrations rows, read as they are, and stamped on the next
    /// open that may write.
    @Test func aLedgerFromAnEarlierVersionIsRecognisedAndGetsTheApplicationIDOnItsNextWriteOpen() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.sqlite")
        let made = try LedgerDatabase(path: path)
        try made.queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA application_id = 0") }
        try made.queue.close()
        let reader = try LedgerDatabase(path: path, readOnly: true)
        #expect(try reader.queue.read { db in try Int.fetchOne(db, sql: "PRAGMA application_id") } == 0)
        try reader.queue.close()
        let writer = try LedgerDatabase(path: path)
        #expect(try writer.queue.read { db in try Int.fetchOne(db, sql: "PRAGMA application_id") } == Self.axisLedgerApplicationID)
    }

    /// Files that are not ledgers, and the words the refusal must use.
    static let foreignFiles: [(sql: String?, bytes: String?, message: String)] = [
        ("CREATE TABLE t (x); PRAGMA user_version = 3", nil, "is an SQLite database but not an axis-ledger ledger (application_id 0, no schema_migrations table)"),
        ("CREATE TABLE t (x); PRAGMA application_id = 1397314606", nil, "is an SQLite database but not an axis-ledger ledger (application_id 0x5349542E, no schema_migrations table)"),
        ("CREATE TABLE schema_migrations (version TEXT PRIMARY KEY); INSERT INTO schema_migrations VALUES ('20240101'); PRAGMA user_version = 1", nil,
         "is an SQLite database but not an axis-ledger ledger (application_id 0, a schema_migrations table that is not axis-ledger's)"),
        ("PRAGMA application_id = 7", nil, "is an SQLite database but not an axis-ledger ledger (application_id 0x00000007, no schema_migrations table)"),
        (nil, "not a database at all, just text\n", "is not an SQLite database"),
        (nil, "SQLite format 3", "is not an SQLite database"),
    ]

    @Test(arguments: foreignFiles.indices, [false, true])
    func aFileThatIsNotALedgerIsRefusedAndLeftByteForByte(_ index: Int, readOnly: Bool) throws {
        let foreign = Self.foreignFiles[index]
        let directory = try TemporaryDirectory()
        let path = directory.path("other.db")
        if let sql = foreign.sql {
            let other = try DatabaseQueue(path: path)
            try other.writeWithoutTransaction { db in try db.execute(sql: sql) }
            try other.close()
        } else {
            try directory.write("other.db", foreign.bytes ?? "")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect {
            _ = try LedgerDatabase(path: path, readOnly: readOnly)
        } throws: { error in
            "\(error)".hasPrefix("\(path) \(foreign.message)") && "\(error)".hasSuffix("give --db the ledger's path, or a new path to create one.")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["other.db"])
    }

    @Test(arguments: [false, true])
    func anEmptyFileIsAdoptedAsANewLedgerReadableByItsOwnerOnly(throughSymlink: Bool) throws {
        let directory = try TemporaryDirectory()
        let real = directory.path("t.sqlite")
        #expect(FileManager.default.createFile(atPath: real, contents: Data(), attributes: [.posixPermissions: 0o644]))
        var path = real
        if throughSymlink {
            path = directory.path("link.sqlite")
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: real)
        }
        let ledger = try LedgerDatabase(path: path)
        #expect(try ledger.schemaVersion() == SchemaMigrator.latestVersion)
        try ledger.queue.write { db in try db.execute(sql: "INSERT INTO schema_migrations VALUES (901, 'a write', 't')") }
        for file in [real, real + "-wal", real + "-shm"] {
            let permissions = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(permissions == 0o600, "\(file): \(String(permissions ?? 0, radix: 8))")
        }
        if throughSymlink {
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path) == real)
        }
    }

    @Test(arguments: [0o644, 0o640, 0o606, 0o660])
    func aLedgerOpenToOthersIsMadeOwnerOnlyWhenOpened(_ mode: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.sqlite")
        try LedgerDatabase(path: path).queue.close()
        #expect(chmod(path, mode_t(mode)) == 0)
        let reader = try LedgerDatabase(path: path, readOnly: true)
        _ = try reader.schemaVersion()
        for file in [path, path + "-shm"] {
            let permissions = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(permissions == 0o600, "\(file): \(String(permissions ?? 0, radix: 8))")
        }
    }

    @Test func readOnlyOpenOfAnEmptyFileSaysItIsEmptyAndLeavesIt() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("empty.sqlite", "")
        #expect(throws: LedgerError.emptyDatabase(path: path)) { _ = try LedgerDatabase(path: path, readOnly: true) }
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 0)
    }

    @Test func aSymbolicLinkToALedgerNotMadeYetGetsTheLedgerWhereItPoints() throws {
        let directory = try TemporaryDirectory()
        let real = directory.path("real.sqlite")
        let link = directory.path("link.sqlite")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.sqlite")
        _ = try LedgerDatabase(path: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.sqlite")
        #expect(try FileManager.default.attributesOfItem(atPath: real)[.posixPermissions] as? Int == 0o600)
        #expect(try LedgerDatabase(path: real, readOnly: true).schemaVersion() == SchemaMigrator.latestVersion)
    }

    @Test func readOnlyOpenOfAMissingFileSaysHowToCreateIt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("missing.sqlite")
        #expect(throws: LedgerError.databaseMissing(path: path)) { _ = try LedgerDatabase(path: path, readOnly: true) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
