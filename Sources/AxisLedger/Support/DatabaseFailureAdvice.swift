import GRDB

/// Turns SQLite's terse failures ("database or disk is full", "unable to
/// open database file") into what happened to the ledger and what to do, for
/// the failures a person can fix: a full disk, a folder that cannot be
/// written, a disk error.
enum DatabaseFailureAdvice {
    /// The advice, without the database path (callers put it first).
    static func message(for error: DatabaseError, database: String) -> String {
        let sqlite = error.message ?? "\(error)"
        switch error.resultCode {
        case .SQLITE_FULL:
            return "the disk is full (\(sqlite)). Free space on the disk that holds it and run the command again; `axis-ledger verify --db \(database)` checks the ledger"
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM:
            return "cannot open the database (\(sqlite)). Check that the file and its folder are writable: SQLite keeps \(database)-wal and \(database)-shm beside it, even to read"
        case .SQLITE_IOERR:
            return "disk I/O error (\(sqlite)); the transaction was rolled back. Check the disk (space, file size limits, errors), run the command again, then `axis-ledger verify --db \(database)`"
        default:
            return sqlite
        }
    }
}
