/// The check that runs on the script's text before SQLite prepares any of
/// it: preparing is already too late for a pragma that acts while it is
/// compiled (``PragmaAllowList``), and for functions that must never run.
extension ReadOnlyGuard {
    /// SQL functions refused wherever they appear. `fts3_tokenizer` with two
    /// arguments replaces a tokenizer's function pointer by any bytes given
    /// (enabled in Debian's SQLite 3.40): a way to make the process jump
    /// anywhere.
    static let refusedFunctions: Set<String> = ["fts3_tokenizer"]

    /// The first reason to refuse `sql` before preparing it, or nil.
    ///
    /// Looks at every statement: `PRAGMA [schema.]name` (after `EXPLAIN` or
    /// `EXPLAIN QUERY PLAN` too) must be on ``PragmaAllowList``; a name
    /// `pragma_xxx` anywhere (a table-valued pragma) likewise; and no name
    /// may be one of ``refusedFunctions``. Names are compared lowercased
    /// and unquoted, as SQLite compares them.
    static func refusalBeforePreparing(_ sql: String) -> QueryError? {
        for statement in SQLScriptScanner.statements(of: sql) {
            if let pragma = pragma(of: statement.tokens), !PragmaAllowList.allows(pragma.name, hasArgument: pragma.hasArgument) {
                return .pragmaNotAllowed(name: pragma.name, statement: statement.text)
            }
            for token in statement.tokens {
                guard case let name? = token.name else { continue }
                if case .string = token {
                    // A string is a name only where SQLite expects one; a
                    // literal that is exactly a pragma table's name is taken
                    // for one (refusing a value like that costs nothing).
                    guard name.hasPrefix("pragma_"), name.unicodeScalars.allSatisfy(isNameCharacter) else { continue }
                }
                if name.hasPrefix("pragma_"), !PragmaAllowList.allowsTableFunction(String(name.dropFirst("pragma_".count))) {
                    return .pragmaNotAllowed(name: String(name.dropFirst("pragma_".count)), statement: statement.text)
                }
                if refusedFunctions.contains(name) {
                    return .functionNotAllowed(name: name, statement: statement.text)
                }
            }
        }
        return nil
    }

    /// The pragma a statement runs, if it is one: its name and whether an
    /// argument follows it.
    static func pragma(of tokens: [SQLScriptScanner.Token]) -> (name: String, hasArgument: Bool)? {
        var rest = tokens[...]
        if rest.first == .word("explain") {
            rest = rest.dropFirst()
            if rest.first == .word("query"), rest.dropFirst().first == .word("plan") { rest = rest.dropFirst(2) }
        }
        guard rest.first == .word("pragma") else { return nil }
        rest = rest.dropFirst()
        // `PRAGMA` alone or followed by something that is not a name: SQLite refuses it; refuse it here too.
        guard case var name? = rest.first?.name else { return ("", true) }
        rest = rest.dropFirst()
        if rest.first == .symbol(".") {
            rest = rest.dropFirst()
            guard case let qualified? = rest.first?.name else { return ("", true) }
            name = qualified
            rest = rest.dropFirst()
        }
        return (name, !rest.isEmpty)
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
