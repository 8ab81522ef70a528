import GRDB
import GRDBSQLite

/// The rows of a prepared statement, read one at a time straight from
/// SQLite with the row at hand kept until `advance()`: merges of two sorted
/// streams (verify's billing check, reconcile's export against the ledger)
/// step through millions of rows, where GRDB's `Row` would copy each.
struct RowStream {
    private let statement: GRDB.Statement
    private var stepped = false
    private var done = false

    init(_ statement: GRDB.Statement, arguments: StatementArguments) {
        sqlite3_reset(statement.sqliteStatement)
        sqlite3_clear_bindings(statement.sqliteStatement)
        statement.setUncheckedArguments(arguments)
        self.statement = statement
    }

    /// The rows of a statement whose only parameter is the month.
    init(_ statement: GRDB.Statement, month: String) {
        self.init(statement, arguments: [month])
    }

    /// The current row, or nil past the last.
    var current: CurrentRow? {
        mutating get throws {
            if !stepped { try advance() }
            return done ? nil : CurrentRow(statement: statement.sqliteStatement)
        }
    }

    mutating func advance() throws {
        stepped = true
        guard !done else { return }
        let code = sqlite3_step(statement.sqliteStatement)
        if code == SQLITE_DONE { done = true; return }
        guard code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement.sqliteStatement))))
        }
    }

    /// The row the statement is on: its columns read straight from SQLite.
    struct CurrentRow {
        let statement: OpaquePointer

        func text(_ column: Int32) -> String {
            guard let bytes = sqlite3_column_text(statement, column) else { return "" }
            return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
        }

        func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
    }
}
