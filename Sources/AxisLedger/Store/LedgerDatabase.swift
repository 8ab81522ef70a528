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
        let isNew = !FileManager.default.fileExists(atPath: path)
        do {
            if isNew, !readOnly {
                // Created readable by its owner only: it holds customers' prompts. Made with
                // open(2) and its mode, so the file never exists with wider permissions, not
                // even for a moment (FileManager creates first and changes the mode after).
                let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
                if descriptor < 0, errno != EEXIST {
                    throw LedgerError.cannotCreateDatabase(path: path, reason: String(cString: strerror(errno)))
                }
                if descriptor >= 0 { close(descriptor) }
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

    /// The schema version of the database: the number of its last migration.
    public func schemaVersion() throws -> Int {
        try queue.read { db in try SchemaMigrator.appliedVersion(db) }
    }
}
