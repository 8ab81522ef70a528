import ArgumentParser
import AxisLedger

struct FilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "files",
        abstract: "List the ingested files, with their ids, counts and whether they count (ingested) or were voided.",
        discussion: """
            One row per file, by id: id, path (as recorded, docs/schema.md), kind (jsonl or csv, \
            .gz when compressed, :responses or :requests when --kind forced it), the first 12 hex \
            digits of its SHA-256, lines read, accepted, duplicates, rejected, when it was ingested \
            (UTC), status (ingested, or voided by `axis-ledger void`), the void's reason, the first line \
            the row read (1, or later for a log read on after it grew) and the id of the part it \
            continues (empty for a file read whole). \
            The id is what `axis-ledger void FILE_ID` takes. Read-only.

            Examples:
              axis-ledger files
              axis-ledger files --format csv > files.csv
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp(
        "Output format: table, csv, json or markdown (default: table on a terminal, else csv).",
        valueName: "format"))
    var format: String?

    func validate() throws {
        if let format, QueryOutputFormat(rawValue: format) == nil {
            throw ValidationError("Unknown --format '\(format)'; use one of: \(QueryOutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() throws {
        let outputFormat = format.flatMap(QueryOutputFormat.init(rawValue:))
            ?? .standard(outputIsTerminal: FileHandleOutput.standardOutput.isTerminal)
        let ledger = try openLedger(database.path, readOnly: true)
        try emit(outputFormat.render(try FileListing.list(ledger: ledger)))
    }
}
