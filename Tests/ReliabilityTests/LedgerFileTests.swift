import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What `--db` may point at: a ledger (made by axis-ledger, owner-only), a
/// new path or an empty file to make one in, and nothing else. Anything else
/// is refused at once, unchanged, with a message saying what the file is.
@Suite(.serialized)
struct LedgerFileTests {
    /// Every command that takes `--db`, with the arguments it needs besides.
    enum Command: String, CaseIterable, Sendable {
        case initialize = "init", ingest, report, reconcile, sql, schema, verify

        func arguments(db: String, in scratch: Scratch) throws -> [String] {
            switch self {
            case .initialize: return ["init", "--db", db]
            case .ingest:
                let input = try scratch.write("input.jsonl", HostileCorpus.goodResponse(generation: "gen_1") + "\n")
                return ["ingest", "--db", db, input]
            case .report: return ["report", "--db", db, "--month", "2026-10", "--out", scratch.path("reports")]
            case .reconcile: return ["reconcile", "--db", db, "--month", "2026-10", "--out", scratch.path("reports")]
            case .sql: return ["sql", "--db", db, "SELECT 1"]
            case .schema: return ["schema", "--db", db]
            case .verify: return ["verify", "--db", db]
            }
        }

        /// The status a refused database gives: 1, and 2 for reconcile, which exits like diff.
        var refusedStatus: Int32 { self == .reconcile ? 2 : 1 }
    }

    private static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    // MARK: Not a regular file (FIFO, folder, socket, device)

    enum NotARegularFile: String, CaseIterable, Sendable {
        case fifo, directory, socket

        /// Makes one at `path`; returns the word the message must use for it.
        func make(at path: String) throws -> String {
            switch self {
            case .fifo:
                try #require(mkfifo(path, 0o600) == 0)
                return "FIFO"
            case .directory:
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
                return "directory"
            case .socket:
                let descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
                try #require(descriptor >= 0)
                defer { close(descriptor) }
                var address = sockaddr_un()
                address.sun_family = sa_family_t(AF_UNIX)
                let bytes = Array(path.utf8)
                try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path))
                withUnsafeMutableBytes(of: &address.sun_path) { buffer in
                    for (index, byte) in bytes.enumerated() { buffer[index] = byte }
                }
                let bound = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
                }
                try #require(bound == 0)
                return "socket"
            }
        }
    }

    static let notRegularCases: [(Command, NotARegularFile)] = Command.allCases.flatMap { command in
        NotARegularFile.allCases.map { (command, $0) }
    }

    @Test(arguments: notRegularCases)
    func aDatabasePathThatIsNotARegularFileIsRefusedAtOnceNamingWhatItIs(_ command: Command, _ kind: NotARegularFile) throws {
        let scratch = try Scratch("not-regular")
        let db = scratch.path("l.db")
        let word = try kind.make(at: db)
        let result = try LedgerBinary.run(try command.arguments(db: db, in: scratch), timeLimit: 20)
        #expect(!result.timedOut, "\(command.rawValue) hung on a \(word)")
        #expect(result.status == command.refusedStatus, "\(result.output)")
        #expect(result.stderr.contains(db), "the message names the path: \(result.stderr)")
        #expect(result.stderr.contains(word), "the message says what it is: \(result.stderr)")
        #expect(result.stderr.contains("not a regular file"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
    }

    /// A character device, for the commands that only read (a write-open of
    /// /dev/null by an axis-ledger without the check would put files in /dev).
    @Test(arguments: [Command.report, .reconcile, .sql, .schema, .verify])
    func aDeviceIsRefusedAsADatabase(_ command: Command) throws {
        let scratch = try Scratch("device")
        let result = try LedgerBinary.run(try command.arguments(db: "/dev/null", in: scratch), timeLimit: 20)
        #expect(!result.timedOut)
        #expect(result.status == command.refusedStatus, "\(result.output)")
        #expect(result.stderr.contains("/dev/null: not a regular file (a character device)"), "\(result.stderr)")
    }

    @Test func aSymbolicLinkToALedgerIsALedger() throws {
        let scratch = try Scratch("symlink")
        let real = scratch.path("real.sqlite")
        try #require(try LedgerBinary.run(["init", "--db", real]).status == 0)
        let link = scratch.path("link.sqlite")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        for command in Command.allCases where command != .reconcile {
            let result = try LedgerBinary.run(try command.arguments(db: link, in: scratch), timeLimit: 60)
            #expect(result.status == 0, "\(command.rawValue): \(result.output)")
        }
    }

    // MARK: Another application's file

    /// Files that are not ledgers, each made by `make(path)`.
    enum Foreign: String, CaseIterable, Sendable {
        /// Another application's database whose user_version happens to be 3.
        case userVersion3
        /// One with an application_id of its own (Fossil's) and no version.
        case otherApplicationID
        /// A Rails-style `schema_migrations` table that is not axis-ledger's.
        case otherSchemaMigrations
        /// Text, not SQLite at all.
        case notSQLite

        func make(at path: String) throws {
            switch self {
            case .userVersion3:
                try Self.database(at: path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me'); PRAGMA user_version = 3;")
            case .otherApplicationID:
                try Self.database(at: path, "CREATE TABLE blob (rid INTEGER PRIMARY KEY); PRAGMA application_id = 252006673;")
            case .otherSchemaMigrations:
                try Self.database(at: path, "CREATE TABLE schema_migrations (version VARCHAR PRIMARY KEY); INSERT INTO schema_migrations VALUES ('20240101000000'); PRAGMA user_version = 1;")
            case .notSQLite:
                try Data("timestamp,orgId\nthis is a CSV file, not a database\n".utf8).write(to: URL(fileURLWithPath: path))
            }
        }

        private static func database(at path: String, _ sql: String) throws {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
            try queue.close()
        }

        var expectedMessage: String {
            self == .notSQLite ? "is not an SQLite database" : "is an SQLite database but not an axis-ledger ledger"
        }
    }

    static let foreignCases: [(Command, Foreign)] = Command.allCases.flatMap { command in
        Foreign.allCases.map { (command, $0) }
    }

    @Test(arguments: foreignCases)
    func anotherApplicationsFileIsRefusedByteForByteUnchanged(_ command: Command, _ foreign: Foreign) throws {
        let scratch = try Scratch("foreign")
        let db = scratch.path("other.db")
        try foreign.make(at: db)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let modeBefore = try Self.mode(db)
        let result = try LedgerBinary.run(try command.arguments(db: db, in: scratch), timeLimit: 60)
        #expect(result.status == command.refusedStatus, "\(result.output)")
        #expect(result.stderr.contains("\(db) \(foreign.expectedMessage)"), "\(result.stderr)")
        #expect(result.stderr.contains("give --db the ledger's path, or a new path to create one"), "\(result.stderr)")
        #expect(!result.output.contains("schema version"), "a foreign version number is not a ledger's: \(result.output)")
        #expect(!result.output.contains("CREATE TABLE") && !result.output.contains("while executing") && !result.output.contains("SQLite error"),
                "no raw SQL or library error reaches the user: \(result.output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "the file is unchanged")
        #expect(try Self.mode(db) == modeBefore, "not even its mode changes")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix("other.db") }
        #expect(leftovers == ["other.db"], "nothing is left beside it")
    }

    // MARK: Owner-only, whatever the file was before

    @Test(arguments: [false, true])
    func anEmptyFileGivenAsDatabaseBecomesAnOwnerOnlyLedger(throughSymlink: Bool) throws {
        let scratch = try Scratch("empty")
        let real = scratch.path("t.sqlite")
        try #require(FileManager.default.createFile(atPath: real, contents: Data(), attributes: [.posixPermissions: 0o644]))
        var db = real
        if throughSymlink {
            db = scratch.path("link.sqlite")
            try FileManager.default.createSymbolicLink(atPath: db, withDestinationPath: real)
        }
        let input = try scratch.write("input.jsonl", HostileCorpus.goodResponse(generation: "gen_1") + "\n")
        let result = try LedgerBinary.run(["ingest", "--db", db, input])
        #expect(result.status == 0, "\(result.output)")
        #expect(try Self.mode(real) == 0o600)
        if throughSymlink {
            let link = try FileManager.default.destinationOfSymbolicLink(atPath: db)
            #expect(link == real, "the symbolic link is kept")
        }
        let verify = try LedgerBinary.run(["verify", "--db", db])
        #expect(verify.status == 0, "\(verify.output)")
        #expect(try LedgerSnapshot.read(real).responseRecords == 1)
    }

    @Test func aLedgerOpenToOthersIsMadeOwnerOnlyAndTheOwnerIsToldOnce() throws {
        let scratch = try Scratch("wide")
        let db = scratch.path("ledger.sqlite")
        try #require(try LedgerBinary.run(["init", "--db", db]).status == 0)
        try #require(chmod(db, 0o644) == 0)
        let first = try LedgerBinary.run(["verify", "--db", db])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.stderr.contains("\(db) was open to other users (mode 0644); it is now 0600, its owner's only"), "\(first.stderr)")
        #expect(try Self.mode(db) == 0o600)
        let second = try LedgerBinary.run(["verify", "--db", db])
        #expect(second.status == 0)
        #expect(!second.stderr.contains("open to other users"), "told once: \(second.stderr)")
    }
}
