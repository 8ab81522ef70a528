/// Errors about the database itself, written for the person at the terminal:
/// what is wrong, where, and what to do.
public enum LedgerError: Error, Equatable, CustomStringConvertible {
    case databaseMissing(path: String)
    case cannotCreateDatabase(path: String, reason: String)
    case schemaTooNew(path: String, found: Int, known: Int)
    case schemaTooOld(path: String, found: Int, expected: Int)
    case notALedger(path: String)
    case database(path: String, message: String)

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
        case .notALedger(let path):
            return "\(path): this SQLite file is not an axis-ledger database (it has tables but no ledger schema version). Choose another path with --db."
        case .database(let path, let message):
            return "\(path): \(message)"
        }
    }
}
