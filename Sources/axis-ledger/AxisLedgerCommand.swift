import ArgumentParser
import AxisLedger
import Foundation

@main
struct AxisLedgerCommand: ParsableCommand {
    /// Runs the command line. `reconcile` promises exit status 2 for any bad
    /// input so a payment job gates on one status: a mistake the argument
    /// parser finds (an unknown option, a missing value) exits 2 there too,
    /// instead of the parser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure, CommandLine.arguments.dropFirst().first == "reconcile" {
                FileHandleOutput.standardError.write(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "axis-ledger",
        abstract: "A usage and billing ledger for the StudioAxis external image API.",
        discussion: """
            Ingest response records and request logs into SQLite, count billed generations \
            by org, version and month, flag HTTP 402 events, and render monthly reports.

            Start with `axis-ledger demo`, which does all of it on sample data.

            Exit status: 0 success; 1 an error (a message names the file or database); \
            64 a mistake in the command's arguments. `reconcile` also exits 1 when the \
            provider's files differ from the ledger and 2 on bad input.
            """,
        version: AxisLedgerVersion.string,
        subcommands: [
            InitCommand.self,
            IngestCommand.self,
            SampleCommand.self,
            PricingCommand.self,
            ReportCommand.self,
            DemoCommand.self,
            ReconcileCommand.self,
            SQLCommand.self,
            SchemaCommand.self,
            VerifyCommand.self,
        ]
    )
}

/// `--db`, shared by every subcommand that opens the ledger.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The ledger database (default: $AXIS_LEDGER_DB, else ./ledger.sqlite).",
        valueName: "path"))
    var db: String?

    var path: String { db ?? LedgerDatabase.defaultPath() }
}
