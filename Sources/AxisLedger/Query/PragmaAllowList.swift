/// The pragmas `sql` runs: those that only read. Every other pragma is
/// refused before the script is prepared, because SQLite carries out many
/// pragmas while it prepares them, before any verdict on the prepared
/// statement can be asked: `hard_heap_limit`, `soft_heap_limit`, `threads`,
/// `case_sensitive_like`, `writable_schema` and the other flags change the
/// process or the connection at that moment, read-only connection or not.
/// An allow-list, not a deny-list, so a pragma added to a later SQLite is
/// refused until someone has read what it does.
///
/// The same list holds for table-valued pragmas (`SELECT * FROM
/// pragma_table_info('x')`), which run `PRAGMA table_info('x')` when the
/// query runs.
enum PragmaAllowList {
    /// Pragmas whose argument names what to read (a table, an index, a
    /// number of errors to list); allowed with or without it.
    static let readingWithTarget: Set<String> = [
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
        "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check",
    ]

    /// Pragmas that report a value when named alone; given an argument
    /// (`= value` or `(value)`) they set it, so they are allowed alone only.
    static let readingAlone: Set<String> = [
        "application_id", "user_version", "schema_version", "data_version",
        "page_count", "page_size", "freelist_count", "encoding", "auto_vacuum", "foreign_keys",
        "database_list", "collation_list", "function_list", "module_list", "pragma_list",
        "compile_options",
    ]

    /// Whether `PRAGMA name` (`hasArgument`: with `= value` or `(value)`) may run.
    static func allows(_ name: String, hasArgument: Bool) -> Bool {
        readingWithTarget.contains(name) || (!hasArgument && readingAlone.contains(name))
    }

    /// Whether the table-valued `pragma_NAME` may be read. Only pragmas
    /// that take a target accept arguments in that form (SQLite gives the
    /// others no argument column), so reading ones are safe with any.
    static func allowsTableFunction(_ name: String) -> Bool {
        readingWithTarget.contains(name) || readingAlone.contains(name)
    }

    /// Every allowed pragma, sorted, for the refusal's message.
    static var names: [String] { readingWithTarget.union(readingAlone).sorted() }
}
