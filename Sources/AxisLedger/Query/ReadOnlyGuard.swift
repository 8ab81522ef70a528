/// Decides, from a prepared statement's text and SQLite's own verdict,
/// whether the `sql` command may run it.
///
/// The ledger is also opened with a read-only connection, so this is the
/// second of two locks: it turns a write into a clear message before SQLite
/// is asked, and it refuses statements that a read-only connection would
/// still run:
/// - `ATTACH`/`DETACH` (SQLite calls them read-only, but they open files),
/// - `VACUUM` in every form (`VACUUM INTO 'file'` writes a new file even from
///   a read-only connection), `REINDEX`, `ANALYZE`,
/// - every pragma not on ``PragmaAllowList`` (those that only read), which
///   ``refusalBeforePreparing(_:)`` has already refused before preparing:
///   many pragmas act while SQLite prepares them.
/// Everything else must be one that `sqlite3_stmt_readonly` calls read-only.
///
/// GRDB keeps SQLite's authorizer callback for itself, so no authorizer is
/// installed here; these checks and the read-only connection stand in for it.
enum ReadOnlyGuard {
    enum Verdict: Equatable {
        case allowed
        case writes
        case transactionControl
    }

    /// Statements that change the database whatever SQLite says about them.
    static let writingKeywords: Set<String> = [
        "attach", "detach", "vacuum", "reindex", "analyze",
        "insert", "update", "delete", "replace", "drop", "create", "alter",
    ]
    static let transactionKeywords: Set<String> = ["begin", "commit", "end", "rollback", "savepoint", "release"]
    /// The verdict for one statement.
    ///
    /// - Parameters:
    ///   - sql: the statement's text.
    ///   - sqliteSaysReadOnly: `sqlite3_stmt_readonly` for the prepared statement.
    static func verdict(sql: String, sqliteSaysReadOnly: Bool) -> Verdict {
        var lexer = SQLKeywordLexer(sql)
        guard let keyword = lexer.nextWord() else { return sqliteSaysReadOnly ? .allowed : .writes }
        if transactionKeywords.contains(keyword) { return .transactionControl }
        if writingKeywords.contains(keyword) { return .writes }
        if keyword == "pragma", !pragmaIsReading(sql) { return .writes }
        return sqliteSaysReadOnly ? .allowed : .writes
    }

    /// Whether the pragma statement `sql` is on ``PragmaAllowList``, read
    /// as ``refusalBeforePreparing(_:)`` reads it, so both checks agree.
    static func pragmaIsReading(_ sql: String) -> Bool {
        guard let statement = SQLScriptScanner.statements(of: sql).first, let pragma = pragma(of: statement.tokens) else { return false }
        return PragmaAllowList.allows(pragma.name, hasArgument: pragma.hasArgument)
    }
}

/// Just enough of SQLite's tokenizer to find a statement's leading keywords:
/// skips white space and comments and reads bare or quoted identifiers
/// (lowercased).
struct SQLKeywordLexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ sql: String) { scalars = Array(sql.unicodeScalars) }

    /// The next identifier or keyword, lowercased; nil when the next token is something else.
    mutating func nextWord() -> String? {
        skipSpaceAndComments()
        guard position < scalars.count else { return nil }
        let first = scalars[position]
        if let closing = Self.closingQuote[first] {
            var word = String.UnicodeScalarView()
            position += 1
            while position < scalars.count, scalars[position] != closing {
                word.append(scalars[position]); position += 1
            }
            position += 1
            return String(word).lowercased()
        }
        guard Self.isIdentifierStart(first) else { return nil }
        var word = String.UnicodeScalarView()
        while position < scalars.count, Self.isIdentifierPart(scalars[position]) {
            word.append(scalars[position]); position += 1
        }
        return String(word).lowercased()
    }

    private mutating func skipSpaceAndComments() {
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar.properties.isWhitespace {
                position += 1
            } else if scalar == "-", next == "-" {
                while position < scalars.count, scalars[position] != "\n" { position += 1 }
            } else if scalar == "/", next == "*" {
                position += 2
                while position < scalars.count, !(scalars[position] == "*" && next == "/") { position += 1 }
                position = min(scalars.count, position + 2)
            } else {
                return
            }
        }
    }

    private var next: Unicode.Scalar? { position + 1 < scalars.count ? scalars[position + 1] : nil }

    private static let closingQuote: [Unicode.Scalar: Unicode.Scalar] = ["\"": "\"", "`": "`", "[": "]"]

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.value >= 0x80
    }

    private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || ("0"..."9").contains(scalar) || scalar == "$"
    }
}
