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
/// - `PRAGMA name = value` and `PRAGMA name(value)`, which change a setting
///   (`journal_mode`, `query_only`, `user_version`…), except the reading
///   pragmas that take a table or index name (``readingPragmas``), and the
///   pragmas that act when merely named (``actingPragmas``, e.g. `optimize`).
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
    /// Pragmas whose argument names what to read, not a value to set.
    static let readingPragmas: Set<String> = [
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
        "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check",
    ]
    /// Pragmas that do something when run without an argument.
    static let actingPragmas: Set<String> = ["optimize", "wal_checkpoint", "incremental_vacuum"]

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
        if keyword == "pragma", !pragmaIsReading(&lexer) { return .writes }
        return sqliteSaysReadOnly ? .allowed : .writes
    }

    /// Reads `[schema.]name` and what follows it.
    static func pragmaIsReading(_ lexer: inout SQLKeywordLexer) -> Bool {
        guard var name = lexer.nextWord() else { return true }
        if lexer.peekSymbol() == "." {
            _ = lexer.nextSymbol()
            guard let qualified = lexer.nextWord() else { return false }
            name = qualified
        }
        switch lexer.peekSymbol() {
        case "=": return false
        case "(": return readingPragmas.contains(name)
        default: return !actingPragmas.contains(name)
        }
    }
}

/// Just enough of SQLite's tokenizer to find a statement's leading keywords:
/// skips white space and comments, reads bare or quoted identifiers
/// (lowercased) and single symbols.
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

    /// The next character that is not space or comment, without consuming it.
    mutating func peekSymbol() -> Unicode.Scalar? {
        skipSpaceAndComments()
        return position < scalars.count ? scalars[position] : nil
    }

    mutating func nextSymbol() -> Unicode.Scalar? {
        let symbol = peekSymbol()
        if symbol != nil { position += 1 }
        return symbol
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
