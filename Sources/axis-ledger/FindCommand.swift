import ArgumentParser
import AxisLedger

struct FindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Show everything in the ledger that carries an id: records, rejects, the billed generation, 402 events.",
        discussion: """
            Give a generationId (from a customer's complaint), a requestId (from a 402) or an \
            Idempotency-Key (from the integration's own logs). Every response record and request-log \
            line that carries it is listed with its file and line, then the billed generation it \
            makes (the record billing rule 2 chose), the 402 events it belongs to, and the rejected \
            lines whose text contains it. `matched_as` says which column held the id. All three id \
            columns are searched unless --kind narrows them (an integration may send any text as \
            its Idempotency-Key, so the id's shape alone does not decide).

            The records come from the id lookup (the view record_ids: one seek per segment of \
            65,536 records, milliseconds on millions; docs/schema.md, "Looking up an id"); only the \
            rejected lines, found by their text, are read whole. `--show-sql` prints the query, to \
            run in the sqlite3 shell or Datasette with the parameter :id.

            Exit status: 0 when something carries the id, 1 when nothing does (like grep).

            Examples:
              axis-ledger find gen_3f9a1c0b2d4e6f81
              axis-ledger find --kind idempotency-key 7c9e6679-7425-40de-944b-e07fc1f90ae7
              axis-ledger find --show-sql > find.sql
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp(
        "Look only in this kind of id column: generation, request or idempotency-key. Repeatable (default: all three).",
        valueName: "kind"))
    var kind: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Output format: table, csv, json or markdown (default: table on a terminal, else csv).",
        valueName: "format"))
    var format: String?

    @Flag(name: .customLong("show-sql"),
          help: "Print the query instead of running it, with the id as the parameter :id, to run in the sqlite3 shell or Datasette.")
    var showSQL = false

    @Argument(help: ArgumentHelp("The id to look for, exactly as written in the logs (not needed with --show-sql).", valueName: "id"))
    var id: String?

    func validate() throws {
        if !showSQL, (id ?? "").isEmpty { throw ValidationError("Give the id to look for, e.g. axis-ledger find gen_3f9a1c0b2d4e6f81.") }
        for name in kind where IdLookup.Kind(rawValue: name) == nil {
            throw ValidationError("Unknown --kind '\(name)'; use one of: \(IdLookup.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if let format, QueryOutputFormat(rawValue: format) == nil {
            throw ValidationError("Unknown --format '\(format)'; use one of: \(QueryOutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() throws {
        let kinds = kind.compactMap(IdLookup.Kind.init(rawValue:))
        if showSQL { return try emit(IdLookup.sql(kinds: kinds) + ";\n") }
        let outputFormat = format.flatMap(QueryOutputFormat.init(rawValue:))
            ?? .standard(outputIsTerminal: FileHandleOutput.standardOutput.isTerminal)
        let ledger = try openLedger(database.path, readOnly: true)
        let result: QueryResult
        do {
            result = try IdLookup(ledger: ledger).find(id ?? "", kinds: kinds)
        } catch let error as QueryError {
            throw failure(error.description)
        }
        guard !result.rows.isEmpty else {
            let looked = kinds.isEmpty ? "generation, request or idempotency-key" : kinds.map(\.rawValue).joined(separator: " or ")
            throw failure("find: nothing in \(database.path) carries \(InputPath.redacted(id ?? "")) (as a \(looked) id, or in a rejected line)")
        }
        try emit(outputFormat.render(result))
    }
}
