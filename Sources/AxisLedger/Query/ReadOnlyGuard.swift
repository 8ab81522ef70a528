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
        guard let keyword = leadingKeyword(of: sql) else { return sqliteSaysReadOnly ? .allowed : .writes }
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

    /// The statement's first word, lowercased, read by the same scanner as
    /// the pragma check; nil when it starts with anything but a word.
    static func leadingKeyword(of sql: String) -> String? {
        switch SQLScriptScanner.statements(of: sql).first?.tokens.first {
        case .word(let text)?, .quotedWord(let text)?: return text
        default: return nil
        }
    }
}
