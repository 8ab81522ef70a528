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
        if let problem = CommandSuggestion.problem(in: Array(CommandLine.arguments.dropFirst()), root: Self.self) {
            FileHandleOutput.standardError.write(TerminalText.escaped(problem) + "\n")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            // The parser's messages quote what was typed: escaped like every other message (Printing.swift).
            var status = exitCode(for: error).rawValue
            if status == ExitCode.validationFailure.rawValue, CommandLine.arguments.dropFirst().first == "reconcile" { status = 2 }
            let message = status == 0 ? HelpText.examplesLast(fullMessage(for: error)) : fullMessage(for: error)
            if !message.isEmpty {
                if status == 0 {
                    if (try? say(message)) == nil { status = 1 }  // --help or --version into a full disk
                } else {
                    FileHandleOutput.standardError.write(TerminalText.escapedKeepingLineBreaks(message) + "\n")
                }
            }
            Foundation.exit(status)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "axis-ledger",
        abstract: "A usage and billing ledger for the StudioAxis external image API.",
        discussion: """
            Ingest response records and request logs into SQLite, count billed generations \
            by org, version and month, flag HTTP 402 events, and render monthly reports.

            Start with `axis-ledger demo`, which does all of it on sample data.

            Exit status: 0 success; 1 an error (a message names the file or database), \
            output that could not be written included; 64 a mistake in the command's arguments. \
            `reconcile` also exits 1 when the provider's files differ from the ledger and 2 on \
            bad input. A reader that closes the pipe early ends the command quietly (SIGPIPE).
            """,
        version: AxisLedgerVersion.string,
        subcommands: [
            InitCommand.self,
            IngestCommand.self,
            SampleCommand.self,
            PricingCommand.self,
            ProfileCommand.self,
            ReportCommand.self,
            CloseCommand.self,
            CreditsCommand.self,
            DemoCommand.self,
            ReconcileCommand.self,
            SQLCommand.self,
            SchemaCommand.self,
            VerifyCommand.self,
            FilesCommand.self,
            VoidCommand.self,
            FindCommand.self,
        ]
    )
}

/// `--db`, shared by every subcommand that opens the ledger.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The ledger database (default: $AXIS_LEDGER_DB, else ./ledger.sqlite).",
        valueName: "path"), completion: .file(extensions: ["sqlite", "db"]))
    var db: String?

    var path: String { db ?? LedgerDatabase.defaultPath() }
}
