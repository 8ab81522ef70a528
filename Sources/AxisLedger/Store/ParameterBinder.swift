import GRDB
import GRDBSQLite

/// Binds one row's values to a prepared statement through SQLite's C API and
/// runs it. Ingest inserts millions of rows through one statement; going
/// straight to `sqlite3_bind_*` avoids building an argument array of boxed
/// values per row, which cost more than SQLite's own work.
struct ParameterBinder {
    let statement: OpaquePointer
    let connection: OpaquePointer
    /// Keeps `statement` alive: GRDB empties its statement cache when the
    /// schema changes (``DeferredIndex`` drops and makes an index inside an
    /// ingest), and a statement no one holds is finalized.
    private let owner: GRDB.Statement

    /// Tells SQLite to copy the bytes, which Swift may move after the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: GRDB.Statement, in db: Database) {
        self.statement = statement.sqliteStatement
        self.connection = db.sqliteConnection!
        owner = statement
    }

    func bind(_ index: Int32, _ value: String?) {
        guard var value else { sqlite3_bind_null(statement, index); return }
        value.withUTF8 { bytes in
            if let base = bytes.baseAddress, bytes.count > 0 {
                _ = sqlite3_bind_text(statement, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
            } else {
                _ = sqlite3_bind_text(statement, index, "", 0, Self.transient)
            }
        }
    }

    func bind(_ index: Int32, _ value: Int?) {
        guard let value else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_int64(statement, index, Int64(value))
    }

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(statement, index, value)
    }

    func bindBlob(_ index: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            _ = sqlite3_bind_blob(statement, index, raw.baseAddress, Int32(raw.count), Self.transient)
        }
    }

    /// Binds text when `bytes` are valid UTF-8, else the bytes as a blob.
    func bindTextOrBlob(_ index: Int32, _ bytes: [UInt8]) {
        if let text = String(validating: bytes, as: UTF8.self) { bind(index, text) } else { bindBlob(index, bytes) }
    }

    /// Binds the first `count` columns of another statement's current row,
    /// copied, to placeholders 1…`count`.
    func bindColumns(_ count: Int32, of row: OpaquePointer) {
        for column in 0..<count { sqlite3_bind_value(statement, column + 1, sqlite3_column_value(row, column)) }
    }

    /// The error for a failed step, with SQLite's message.
    func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
    }

    /// Runs the statement with the bound values and resets it for the next
    /// row. Returns the number of rows it changed (0 when `ON CONFLICT DO
    /// NOTHING` found the row already there).
    func run() throws -> Int {
        let code = sqlite3_step(statement)
        let changes = Int(sqlite3_changes(connection))
        guard code == SQLITE_DONE else {
            let failure = error(code) // its message is read before the reset
            sqlite3_reset(statement)
            throw failure
        }
        sqlite3_reset(statement)
        return changes
    }
}
