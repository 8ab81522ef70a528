/// Errors about the database itself, written for the person at the terminal:
/// what is wrong, where, and what to do.
public enum LedgerError: Error, Equatable, CustomStringConvertible {
    case databaseMissing(path: String)
    case cannotCreateDatabase(path: String, reason: String)
    case schemaTooNew(path: String, found: Int, known: Int)
    case schemaTooOld(path: String, found: Int, expected: Int)
    /// An SQLite database of another application; `found` says what it has instead of a ledger's marks.
    case notALedger(path: String, found: String)
    /// A file that is not an SQLite database at all.
    case notSQLite(path: String)
    /// A FIFO, folder, device or socket: SQLite would block on it or fail obscurely.
    case notARegularFile(path: String, kind: String)
    /// A 0-byte file opened to read: it becomes a ledger on the first command that writes.
    case emptyDatabase(path: String)
    /// A ledger other users may read whose mode this user cannot tighten.
    case openToOthers(path: String, mode: String, reason: String)
    case database(path: String, message: String)
    /// The folder that should hold the ledger does not exist (`folder` is the nearest one missing).
    case folderMissing(path: String, folder: String)

    public var description: String {
        switch self {
        case .databaseMissing(let path):
            return "\(path): no such database. Create one with `axis-ledger init --db \(path)` or ingest files into it."
        case .cannotCreateDatabase(let path, let reason):
            return "\(path): cannot create the database (\(reason)). Choose another path with --db or AXIS_LEDGER_DB."
        case .schemaTooNew(let path, let found, let known):
            return "\(path): schema version \(found) was written by a newer axis-ledger; this one knows up to version \(known). Upgrade axis-ledger; the database was not changed."
        case .schemaTooOld(let path, let found, let expected):
            return "\(path): schema version \(found) is older than this axis-ledger's \(expected). Run `axis-ledger init --db \(path)` to upgrade it."
        case .notALedger(let path, let found):
            return "\(path) is an SQLite database but not an axis-ledger ledger (\(found)); give --db the ledger's path, or a new path to create one."
        case .notSQLite(let path):
            return "\(path) is not an SQLite database, so not an axis-ledger ledger either; give --db the ledger's path, or a new path to create one."
        case .notARegularFile(let path, let kind) where kind == "a directory" && !LedgerFile.companionSuffixes.contains(where: { path.hasSuffix($0) }):
            return "\(path) is a folder (a directory), not a regular file, so not a ledger; give --db the ledger's file, e.g. --db \(path.hasSuffix("/") ? path : path + "/")ledger.sqlite."
        case .folderMissing(let path, let folder):
            return "\(path): the folder \(folder) does not exist; create it (mkdir -p \(folder)) or give --db another path."
        case .notARegularFile(let path, let kind):
            return "\(path): not a regular file (\(kind)); a ledger is a regular file. Give --db the ledger's path, or a new path to create one."
        case .emptyDatabase(let path):
            return "\(path) is empty: no ledger yet. Create one there with `axis-ledger init --db \(path)` or by ingesting files into it."
        case .openToOthers(let path, let mode, let reason):
            return "\(path) is open to other users (mode \(mode)) and could not be made 0600, its owner's only (\(reason)); its owner should run `chmod 600 \(path)`. A ledger holds customers' prompts."
        case .database(let path, let message):
            return "\(path): \(message)"
        }
    }
}
