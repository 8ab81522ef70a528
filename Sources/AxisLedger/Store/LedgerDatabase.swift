import Foundation
import GRDB
import LedgerMigrations

/// The ledger's SQLite database: opens it with the settings every command
/// shares and keeps its schema up to date. Callers never see raw connections
/// configured any other way.
public final class LedgerDatabase: Sendable {
    /// The connection. One `DatabaseQueue` per process: a command-line tool
    /// writes from one thread, and WAL lets other processes read meanwhile.
    public let queue: DatabaseQueue
    /// The path as given.
    public let path: String

    /// How long a writer waits for another process's write transaction
    /// before giving up, so that concurrent ingests never fail with
    /// "database is locked". Ten minutes: a file of a million lines is one
    /// transaction of about half a minute, and several may queue.
    public static let busyTimeout: TimeInterval = 600

    /// The database path when `--db` is not given: `$AXIS_LEDGER_DB`, else `./ledger.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let fromEnvironment = environment["AXIS_LEDGER_DB"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "ledger.sqlite"
    }

    /// Opens (creating and migrating when needed) the database at `path`.
    ///
    /// - Parameter readOnly: open without the right to write; the schema must
    ///   already be current. Used by commands that only read.
    /// - Throws: ``LedgerError`` when the file cannot be opened, is not a
    ///   ledger, or was written by a newer axis-ledger.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(LedgerDatabase.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // A 32 MiB page cache (SQLite's default is 2 MiB): ingest
                // updates index pages all over their B-trees, and a small
                // cache writes the same page to the WAL again and again.
                try db.execute(sql: "PRAGMA cache_size = -32768")
                // Statement journals in memory, not in a temporary file.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
            }
        }
        if readOnly, !FileManager.default.fileExists(atPath: path) {
            throw LedgerError.databaseMissing(path: path)
        }
        do {
            if !readOnly, !FileManager.default.fileExists(atPath: path) {
                try Self.createComplete(at: path, configuration: configuration)
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            if !readOnly {
                // WAL lets readers work while a writer ingests; it is a
                // property of the file, so setting it once is enough.
                try queue.writeWithoutTransaction { db in
                    let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
                    if mode.lowercased() != "wal" {
                        try db.execute(sql: "PRAGMA journal_mode = WAL")
                    }
                }
            }
            try queue.read { db in try SchemaMigrator.checkNotNewer(db, path: path) }
            if !readOnly {
                try SchemaMigrator.migrate(queue)
            } else {
                let version = try queue.read { db in try SchemaMigrator.appliedVersion(db) }
                if version < SchemaMigrator.latestVersion {
                    throw LedgerError.schemaTooOld(path: path, found: version, expected: SchemaMigrator.latestVersion)
                }
            }
        } catch let error as LedgerError {
            throw error
        } catch let error as DatabaseError {
            throw LedgerError.database(path: path, message: DatabaseFailureAdvice.message(for: error, database: path))
        }
    }

    /// Makes a new ledger under a temporary name beside `path`, with its
    /// whole schema, and only then links it to `path`: a ledger file is
    /// complete from the moment it exists. Made in place, a process killed
    /// while SQLite switched the new file to WAL left a hot rollback journal
    /// that commands opening the ledger read-only could not replay ("attempt
    /// to write a readonly database"). The file is created by open(2) with
    /// mode 0600, so it never exists readable by others, not even for a
    /// moment: it holds customers' prompts. When another process creates
    /// the same ledger at the same time, the first link wins and both use it.
    private static func createComplete(at path: String, configuration: Configuration) throws {
        removeAbandonedStagings(of: path)
        let staging = "\(path).creating-\(getpid())"
        let descriptor = open(staging, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw LedgerError.cannotCreateDatabase(path: path, reason: String(cString: strerror(errno)))
        }
        close(descriptor)
        defer {
            for leftover in [staging, staging + "-journal", staging + "-wal", staging + "-shm"] { unlink(leftover) }
        }
        // Built with a rollback journal, so every committed byte is in the file itself when it is
        // linked; the last step only marks it WAL, which every later connection then uses.
        let staged = try DatabaseQueue(path: staging, configuration: configuration)
        try SchemaMigrator.migrate(staged)
        try staged.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        try staged.close()
        if link(staging, path) != 0 {
            let error = errno
            switch error {
            case EEXIST:
                return // another process made it first
            case EPERM, EOPNOTSUPP, ENOSYS, EXDEV:
                // A file system without hard links: rename, unless the ledger appeared meanwhile.
                guard !FileManager.default.fileExists(atPath: path) else { return }
                guard rename(staging, path) == 0 else {
                    throw LedgerError.cannotCreateDatabase(path: path, reason: String(cString: strerror(errno)))
                }
            default:
                throw LedgerError.cannotCreateDatabase(path: path, reason: String(cString: strerror(error)))
            }
        }
    }

    /// Removes `PATH.creating-PID` files whose process is gone: a creation
    /// killed before its link leaves one (a ledger is never lost with it).
    private static func removeAbandonedStagings(of path: String) {
        let url = URL(fileURLWithPath: path)
        let prefix = url.lastPathComponent + ".creating-"
        let folder = url.deletingLastPathComponent().path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            let digits = rest.prefix { $0.isNumber }
            guard let pid = Int32(digits), ["", "-journal", "-wal", "-shm"].contains(String(rest.dropFirst(digits.count))) else { continue }
            if pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) {
                unlink((folder as NSString).appendingPathComponent(name))
            }
        }
    }

    /// The schema version of the database: the number of its last migration.
    public func schemaVersion() throws -> Int {
        try queue.read { db in try SchemaMigrator.appliedVersion(db) }
    }
}
