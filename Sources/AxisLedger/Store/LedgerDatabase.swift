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
    /// Open on a staging file that only this process can see (``StagedLedger``),
    /// which a new ledger's first file is written into: what no one else can
    /// read may be written in ways a shared ledger may not (``DeferredIndex``).
    public let isStaged: Bool

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

    /// What the owner should know about opening the ledger, for standard
    /// error: that its mode was tightened to 0600, for instance.
    public let notices: [String]

    /// Opens (creating and migrating when needed) the database at `path`.
    ///
    /// Before SQLite opens anything, the path must be a regular file (a
    /// symbolic link to one is fine), nothing or an empty file (both become
    /// a new ledger); an existing file must be an axis-ledger ledger
    /// (``LedgerIdentity``), checked before anything is written, so another
    /// application's file is refused unchanged. A ledger is its owner's
    /// only: mode 0600, tightened when it was wider (``notices`` says so).
    ///
    /// - Parameter readOnly: open without the right to write; the schema must
    ///   already be current. Used by commands that only read.
    /// - Throws: ``LedgerError`` when the path is not a regular file, the
    ///   file cannot be opened, is not a ledger, is open to others and not
    ///   this user's, or was written by a newer axis-ledger.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        isStaged = false
        let configuration = Self.configuration(readOnly: readOnly)
        let file = try LedgerFile.inspect(path)
        var notices: [String] = []
        do {
            switch file.state {
            case .missing:
                if let folder = PathProblem.missingFolder(of: path) { throw LedgerError.folderMissing(path: path, folder: folder) }
                if readOnly { throw LedgerError.databaseMissing(path: path) }
                try Self.createComplete(at: file.resolvedPath, configuration: configuration, replacingEmpty: false)
            case .empty:
                if readOnly { throw LedgerError.emptyDatabase(path: path) }
                try Self.createComplete(at: file.resolvedPath, configuration: configuration, replacingEmpty: true)
            case .database:
                // A ledger by its header is made owner-only before SQLite
                // creates -wal and -shm beside it with the ledger's mode.
                if file.headerApplicationID() == LedgerIdentity.applicationID { notices += try file.makeOwnerOnly() }
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            // Read before anything is written: another application's file stays as it was.
            _ = try queue.read { db in try LedgerIdentity.verdict(db, path: path) }
            notices += try file.makeOwnerOnly()
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
        self.notices = notices
    }

    /// The settings every connection to a ledger opens with.
    static func configuration(readOnly: Bool) -> Configuration {
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
                // temp_store stays SQLite's default, a file: billing sorts each
                // file's billable records at once (BilledGenerationWriter), and
                // a sort bigger than the sort buffer spills to a temporary file,
                // in the OS's page cache, where `temp_store = MEMORY` held it all
                // in this process's memory. Statement journals stay in memory up
                // to 64 KiB either way.
            }
        }
        return configuration
    }

    /// A ledger open on its staging file (``StagedLedger``): `path` is the
    /// name it will have, which every message and recorded path uses.
    init(staged queue: DatabaseQueue, path: String) {
        self.queue = queue
        self.path = path
        isStaged = true
        notices = []
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
    ///
    /// - Parameter replacingEmpty: `path` is an empty file (`touch`ed, or
    ///   made by a tool that reserves the name): the new ledger replaces it
    ///   by rename, under an exclusive `flock` on the empty file, so of
    ///   several processes adopting it at once one replaces it and the
    ///   others find the ledger it made. Its old mode goes with it.
    private static func createComplete(at path: String, configuration: Configuration, replacingEmpty: Bool) throws {
        var adopted: Int32 = -1
        if replacingEmpty {
            adopted = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard adopted >= 0 else {
                throw LedgerError.cannotCreateDatabase(path: path, reason: String(cString: strerror(errno)))
            }
            flock(adopted, LOCK_EX)
            var held = stat(), current = stat()
            guard fstat(adopted, &held) == 0, stat(path, &current) == 0,
                  held.st_size == 0, held.st_ino == current.st_ino, held.st_dev == current.st_dev else {
                close(adopted)
                return // another process adopted it (or wrote to it) meanwhile: open what is there
            }
        }
        defer { if adopted >= 0 { close(adopted) } }
        let (staging, staged) = try makeStaging(for: path, configuration: configuration)
        defer { removeStaging(staging) }
        try closeAsWAL(staged)
        if replacingEmpty {
            guard rename(staging, path) == 0 else {
                throw LedgerError.cannotCreateDatabase(path: path, reason: String(cString: strerror(errno)))
            }
            return
        }
        _ = try publishStaging(staging, at: path)
    }

    /// Creates a staging file beside `path` (mode 0600, by open(2)) and
    /// gives it the whole schema, with a rollback journal: every committed
    /// byte is then in the file itself. Returns its path and its connection.
    static func makeStaging(for path: String, configuration: Configuration) throws -> (path: String, queue: DatabaseQueue) {
        removeAbandonedStagings(of: path)
        // The process id tells a dead creator's leftovers; the counter keeps
        // creations by several threads of one process apart.
        let staging = "\(path).creating-\(getpid()).\(stagingCounter.next())"
        let descriptor = open(staging, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw LedgerError.cannotCreateDatabase(path: path, reason: String(cString: strerror(errno)))
        }
        close(descriptor)
        do {
            let queue = try DatabaseQueue(path: staging, configuration: configuration)
            try SchemaMigrator.migrate(queue)
            return (staging, queue)
        } catch {
            removeStaging(staging)
            throw error
        }
    }

    /// Marks a staging file WAL, which every later connection then uses, and closes it.
    static func closeAsWAL(_ staged: DatabaseQueue) throws {
        try staged.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        try staged.close()
    }

    /// Removes a staging file and whatever SQLite made beside it.
    static func removeStaging(_ staging: String) {
        for leftover in [staging, staging + "-journal", staging + "-wal", staging + "-shm"] { unlink(leftover) }
    }

    /// Gives the closed staging file the ledger's name; false when another
    /// process made the ledger first (the first link wins), which is then
    /// the ledger and the staging file is not.
    static func publishStaging(_ staging: String, at path: String) throws -> Bool {
        guard link(staging, path) != 0 else { return true }
        let error = errno
        switch error {
        case EEXIST:
            return false
        case EPERM, EOPNOTSUPP, ENOSYS, EXDEV:
            // A file system without hard links: rename, unless the ledger appeared meanwhile.
            guard !FileManager.default.fileExists(atPath: path) else { return false }
            guard rename(staging, path) == 0 else {
                throw LedgerError.cannotCreateDatabase(path: path, reason: String(cString: strerror(errno)))
            }
            return true
        default:
            throw LedgerError.cannotCreateDatabase(path: path, reason: String(cString: strerror(error)))
        }
    }

    private static let stagingCounter = StagingCounter()

    /// Removes `PATH.creating-PID[.N]` files whose process is gone: a creation
    /// killed before its link leaves one (a ledger is never lost with it).
    private static func removeAbandonedStagings(of path: String) {
        let url = URL(fileURLWithPath: path)
        let prefix = url.lastPathComponent + ".creating-"
        let folder = url.deletingLastPathComponent().path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            let digits = rest.prefix { $0.isNumber }
            var companion = rest.dropFirst(digits.count)
            if companion.first == "." {
                companion = companion.dropFirst().drop { $0.isNumber }
            }
            guard let pid = Int32(digits), ["", "-journal", "-wal", "-shm"].contains(String(companion)) else { continue }
            // This process's own stagings are in use by its other threads, or removed by their creator.
            if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                unlink((folder as NSString).appendingPathComponent(name))
            }
        }
    }

    /// The schema version of the database: the number of its last migration.
    public func schemaVersion() throws -> Int {
        try queue.read { db in try SchemaMigrator.appliedVersion(db) }
    }
}

/// Numbers the ledgers one process creates, so that threads creating the
/// same ledger at once never share a staging file.
private final class StagingCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int { lock.withLock { value += 1; return value } }
}
