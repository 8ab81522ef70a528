import ArgumentParser
import AxisLedger
import Foundation

struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Answer a question with SQL on the ledger, read-only.",
        discussion: """
            The database is opened read-only and every statement is checked before any runs: \
            a statement that would write (INSERT, CREATE, ATTACH, VACUUM, a PRAGMA that sets \
            something…) is refused with exit status 1 and the file is left unchanged. \
            Only pragmas that read are allowed (table_info, integrity_check, user_version…, \
            listed in docs/schema.md); any other, and the function fts3_tokenizer, is refused \
            before SQLite prepares anything, since some pragmas act while being prepared.

            Several statements may be separated by `;`; they run in order in one read \
            transaction and the rows of the last statement that has result columns are printed.

            Named parameters (:org, @org, $org) are bound from --param, never pasted into the SQL: \
            `--param org=org_acme` binds text (SQLite converts it when compared with a number \
            column), `--param n:=5` binds an integer (for LIMIT or count(*) comparisons). \
            A parameter without a value, or a --param the query does not use, is an error.

            The tables and views are described by `axis-ledger schema` and docs/schema.md.

            Examples:
              axis-ledger sql "SELECT * FROM monthly_usage"
              axis-ledger sql --format csv "SELECT * FROM events_402" > 402.csv
              axis-ledger sql --param org=org_acme --file by-org.sql
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp(
        "Output format: table, csv, json or markdown (default: table on a terminal, else csv).",
        valueName: "format"), completion: .list(QueryOutputFormat.allCases.map(\.rawValue)))
    var format: String?

    @Option(name: .long, help: ArgumentHelp(
        "Bind a named parameter: NAME=VALUE binds text, NAME:=INTEGER an integer. Repeatable (default: none).",
        valueName: "name=value"))
    var param: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Read the query from this file instead of the argument (default: the argument).",
        valueName: "file"))
    var file: String?

    @Argument(help: ArgumentHelp(
        "The SQL query, or - to read it from standard input (default: none; give it or --file).",
        valueName: "query"))
    var query: String?

    func validate() throws {
        if query != nil, file != nil {
            throw ValidationError("Give the query either as an argument or with --file, not both.")
        }
        if query == nil, file == nil {
            throw ValidationError("Give a query: as an argument, with --file F, or - to read standard input.")
        }
        if let format, QueryOutputFormat(rawValue: format) == nil {
            throw ValidationError("Unknown --format '\(format)'; use one of: \(QueryOutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        do {
            _ = try QueryParameters(arguments: param)
        } catch let error as QueryError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let sql = try readQuery()
        let parameters = try QueryParameters(arguments: param)
        let outputFormat = format.flatMap(QueryOutputFormat.init(rawValue:))
            ?? .standard(outputIsTerminal: FileHandleOutput.standardOutput.isTerminal)
        let ledger = try openLedger(database.path, readOnly: true)
        do {
            let result = try QueryRunner(ledger: ledger).run(sql, parameters: parameters)
            try emit(outputFormat.render(result))
        } catch let error as QueryError {
            throw failure(error.description)
        }
    }

    func readQuery() throws -> String {
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw failure("sql: \(file): cannot read the query file; check the path given to --file.")
            }
            return String(decoding: data, as: UTF8.self)
        }
        if query == "-" {
            return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        return query ?? ""
    }
}
