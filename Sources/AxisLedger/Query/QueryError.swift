/// Why a query was refused or failed, written for the person at the
/// terminal: what was wrong, in which statement, and what to do.
public enum QueryError: Error, Equatable, CustomStringConvertible {
    /// The statement would change the database or its file, or the connection's safety settings.
    case wouldWrite(statement: String)
    /// A pragma not on ``PragmaAllowList``, refused before anything was prepared.
    case pragmaNotAllowed(name: String, statement: String)
    /// A function that must never run (``ReadOnlyGuard/refusedFunctions``), refused before anything was prepared.
    case functionNotAllowed(name: String, statement: String)
    /// BEGIN, COMMIT, SAVEPOINT…: each query already runs in one read transaction.
    case transactionControl(statement: String)
    /// SQLite could not prepare the query (a syntax error, an unknown table or column).
    case invalidSQL(message: String, query: String)
    /// SQLite failed while running a prepared statement.
    case failed(message: String, statement: String)
    case emptyQuery
    case positionalParameter(statement: String)
    case missingParameter(name: String, statement: String)
    case unusedParameter(name: String)
    case badParameter(argument: String, reason: String)

    public var description: String {
        switch self {
        case .wouldWrite(let statement):
            return "sql: the ledger is opened read-only; this statement would write: \(statement)"
        case .pragmaNotAllowed(let name, let statement):
            let pragma = name.isEmpty ? "this PRAGMA" : "PRAGMA \(name)"
            return "sql: \(pragma) is refused, nothing ran: only pragmas that read are allowed (\(PragmaAllowList.names.joined(separator: ", "))), because others act as soon as SQLite reads them: \(statement)"
        case .functionNotAllowed(let name, let statement):
            return "sql: the function \(name) is refused, nothing ran: it changes how SQLite itself works instead of reading the ledger: \(statement)"
        case .transactionControl(let statement):
            return "sql: transaction statements are not accepted (every query runs in one read transaction): \(statement)"
        case .invalidSQL(let message, let query):
            return "sql: \(message)\nin the query:\n\(Self.indented(query))"
        case .failed(let message, let statement):
            return "sql: \(message)\nin the statement:\n\(Self.indented(statement))"
        case .emptyQuery:
            return "sql: the query is empty; give at least one SQL statement."
        case .positionalParameter(let statement):
            return "sql: positional parameters (?) are not supported; name them, e.g. :org, and pass --param org=VALUE: \(statement)"
        case .missingParameter(let name, let statement):
            return "sql: the query uses the parameter '\(name)' but no value was given; add --param \(name)=VALUE: \(statement)"
        case .unusedParameter(let name):
            return "sql: --param \(name) is not used by the query; remove it or check its spelling."
        case .badParameter(let argument, let reason):
            return "sql: --param '\(argument)': \(reason)."
        }
    }

    static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}
