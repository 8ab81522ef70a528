import ArgumentParser
import AxisLedger

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print every table and view of the ledger with its columns, read from the database itself.",
        discussion: """
            Stable tables and views are the public interface for `axis-ledger sql`; internal ones \
            (schema_migrations, the line_hash columns) may change. docs/schema.md says what each column means.

            Examples:
              axis-ledger schema
              axis-ledger schema --format markdown > schema.md
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp(
        "Output format: text or markdown.",
        valueName: "format"), completion: .list(["text", "markdown"]))
    var format: String = SchemaDescription.Format.text.rawValue

    func validate() throws {
        if SchemaDescription.Format(rawValue: format) == nil {
            throw ValidationError("Unknown --format '\(format)'; use text or markdown.")
        }
    }

    func run() throws {
        let ledger = try openLedger(database.path, readOnly: true)
        let objects = try SchemaCatalog.objects(in: ledger)
        try say(SchemaDescription.render(objects, format: SchemaDescription.Format(rawValue: format) ?? .text), terminator: "")
    }
}
