import Foundation
import GRDB

/// A ledger that does not exist yet, filled under its temporary name before
/// it gets its own: how `ingest` writes a new ledger's first file.
///
/// A ledger's connections use WAL, so readers work while a writer ingests.
/// But WAL writes every page twice, once to the write-ahead log at commit
/// and again into the file at the checkpoint, and a first ingest writes
/// nothing but new pages. Under its temporary name nobody else can open the
/// file, so it is written with a rollback journal instead, which journals
/// only pages that existed before the transaction (the empty schema's):
/// every page is written once, straight into the file. Measured on
/// 1,000,000 records, the ingest took 0.84 times as long (bench/README.md,
/// "A new ledger's first file"). Once the file is committed, ``publish()``
/// marks it WAL, closes it and links it to the ledger's name, as a new
/// empty ledger is made (``LedgerDatabase``): the ledger appears complete,
/// with its first file, or not at all. A process killed before that leaves
/// only the temporary file, removed by the next creation beside it.
public final class StagedLedger {
    /// The ledger, open on the temporary file, under the name it will have.
    public let ledger: LedgerDatabase
    private let staging: String
    private var open = true

    /// Starts a ledger at `path` under a temporary name; nil when `path`
    /// names a file already (even an empty one: open it as usual, which
    /// adopts an empty file as the ledger).
    ///
    /// - Throws: ``LedgerError`` when the folder is missing or the file cannot be made.
    public static func begin(at path: String) throws -> StagedLedger? {
        let file = try LedgerFile.inspect(path)
        guard file.state == .missing else { return nil }
        if let folder = PathProblem.missingFolder(of: path) { throw LedgerError.folderMissing(path: path, folder: folder) }
        do {
            let (staging, queue) = try LedgerDatabase.makeStaging(for: file.resolvedPath, configuration: LedgerDatabase.configuration(readOnly: false))
            // The one file a power cut could leave half-written is about to become the ledger: sync it fully.
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            return StagedLedger(ledger: LedgerDatabase(staged: queue, path: path), staging: staging)
        } catch let error as DatabaseError {
            throw LedgerError.database(path: path, message: DatabaseFailureAdvice.message(for: error, database: path))
        }
    }

    private init(ledger: LedgerDatabase, staging: String) {
        self.ledger = ledger
        self.staging = staging
    }

    /// Makes the staged ledger the ledger at its path and opens it there as
    /// usual; nil when another process made a ledger at that path meanwhile
    /// (the first to link wins): what was staged is dropped, and what was
    /// written to it belongs in that ledger instead.
    public func publish() throws -> LedgerDatabase? {
        precondition(open, "a staged ledger is published once")
        open = false
        defer { LedgerDatabase.removeStaging(staging) }
        let path = ledger.path
        do {
            try LedgerDatabase.closeAsWAL(ledger.queue)
        } catch let error as DatabaseError {
            throw LedgerError.database(path: path, message: DatabaseFailureAdvice.message(for: error, database: path))
        }
        guard try LedgerDatabase.publishStaging(staging, at: try LedgerFile.inspect(path).resolvedPath) else { return nil }
        return try LedgerDatabase(path: path)
    }

    /// Drops the staged ledger without giving it the ledger's name.
    public func discard() {
        guard open else { return }
        open = false
        try? ledger.queue.close()
        LedgerDatabase.removeStaging(staging)
    }

    deinit { discard() }
}
