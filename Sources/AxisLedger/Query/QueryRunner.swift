import Foundation
import GRDB
import GRDBSQLite

/// Runs a person's SQL against the ledger without any way to change it, and
/// returns the rows of the last statement that has result columns.
///
/// Every statement of the script is prepared and checked before the first
/// one runs, so a refused statement, a syntax error or a missing parameter
/// anywhere means nothing ran at all. Statements then run in order, inside
/// one read transaction: every statement sees the same snapshot.
///
/// Why the *last statement with columns*: a script may set things up for
/// its reader (`PRAGMA table_info(…)`, an `EXPLAIN`, a check) before the
/// question it asks; the last question is the answer. Earlier results are
/// computed and discarded. A statement with columns counts even when it
/// returns no row, so an empty answer is an empty table, not an older one.
public struct QueryRunner {
    let reader: any DatabaseReader

    /// - Parameter reader: a connection; the `sql` command passes a ledger
    ///   opened with `readOnly: true`. A writable one is protected by
    ///   ``ReadOnlyGuard`` alone.
    public init(reader: any DatabaseReader) {
        self.reader = reader
    }

    public init(ledger: LedgerDatabase) {
        self.init(reader: ledger.queue)
    }

    /// Runs `sql` with `parameters` bound to its named parameters.
    ///
    /// - Throws: ``QueryError``: a pragma or function refused before
    ///   preparing (``ReadOnlyGuard/refusalBeforePreparing(_:)``), a statement that would write, a transaction
    ///   statement, invalid SQL (with SQLite's message), a positional,
    ///   missing or unused parameter, or a failure while running.
    public func run(_ sql: String, parameters: QueryParameters = QueryParameters()) throws -> QueryResult {
        // Before SQLite sees any of it: some pragmas act while being prepared.
        if let refusal = ReadOnlyGuard.refusalBeforePreparing(sql) { throw refusal }
        return try reader.read { db in
            let statements = try prepare(sql, in: db)
            guard !statements.isEmpty else { throw QueryError.emptyQuery }
            var used = Set<String>()
            for statement in statements {
                try check(statement)
                let names = try parameterNames(of: statement)
                var values: [DatabaseValueConvertible] = []
                for name in names {
                    guard let value = parameters[name] else {
                        throw QueryError.missingParameter(name: name, statement: statement.sql)
                    }
                    used.insert(name)
                    switch value {
                    case .text(let text): values.append(text)
                    case .integer(let number): values.append(number)
                    }
                }
                try statement.setArguments(StatementArguments(values))
            }
            if let unused = parameters.names.first(where: { !used.contains($0) }) {
                throw QueryError.unusedParameter(name: unused)
            }
            let answering = statements.lastIndex { $0.columnCount > 0 }
            var result = QueryResult.empty
            for (index, statement) in statements.enumerated() {
                do {
                    if index == answering {
                        let rows = try Row.fetchAll(statement)
                        result = QueryResult(
                            columns: statement.columnNames,
                            rows: rows.map { $0.databaseValues.map(QueryValue.init) })
                    } else {
                        try statement.execute()
                    }
                } catch let error as DatabaseError {
                    if error.resultCode == .SQLITE_READONLY {
                        throw QueryError.wouldWrite(statement: statement.sql)
                    }
                    throw QueryError.failed(message: error.message ?? "\(error)", statement: statement.sql)
                }
            }
            return result
        }
    }

    /// Every statement of the script, prepared.
    func prepare(_ sql: String, in db: Database) throws -> [GRDB.Statement] {
        do {
            var statements: [GRDB.Statement] = []
            let cursor = try db.allStatements(sql: sql)
            while let statement = try cursor.next() { statements.append(statement) }
            return statements
        } catch let error as DatabaseError {
            throw QueryError.invalidSQL(message: error.message ?? "\(error)", query: sql.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    func check(_ statement: GRDB.Statement) throws {
        switch ReadOnlyGuard.verdict(sql: statement.sql, sqliteSaysReadOnly: statement.isReadonly) {
        case .allowed: return
        case .writes: throw QueryError.wouldWrite(statement: statement.sql)
        case .transactionControl: throw QueryError.transactionControl(statement: statement.sql)
        }
    }

    /// The bare names of the statement's parameters in index order; SQLite
    /// gives one index to every use of the same name.
    func parameterNames(of statement: GRDB.Statement) throws -> [String] {
        let count = sqlite3_bind_parameter_count(statement.sqliteStatement)
        guard count > 0 else { return [] }
        return try (1...count).map { index in
            guard let cName = sqlite3_bind_parameter_name(statement.sqliteStatement, index) else {
                throw QueryError.positionalParameter(statement: statement.sql)
            }
            let name = String(cString: cName)
            guard let prefix = name.first, prefix != "?" else {
                throw QueryError.positionalParameter(statement: statement.sql)
            }
            return String(name.dropFirst())
        }
    }
}
