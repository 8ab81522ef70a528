import ArgumentParser
import AxisLedger

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the ledger database, or bring its schema up to date, and print the schema version.",
        discussion: """
            Every other command does this on first use; `init` does it explicitly. Safe to run again.

            Examples:
              axis-ledger init
              axis-ledger init --db /data/ledger.sqlite
            """)

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let ledger = try openLedger(database.path)
        try say("\(database.path): schema version \(try ledger.schemaVersion())")
    }
}

/// Opens the ledger, turning a ``LedgerError`` into a one-line message and
/// exit status 1, and printing its notices (a mode tightened to 0600) to
/// standard error.
func openLedger(_ path: String, readOnly: Bool = false) throws -> LedgerDatabase {
    do {
        return printingNotices(try LedgerDatabase(path: path, readOnly: readOnly))
    } catch let error as LedgerError {
        throw failure(error.description)
    }
}

/// Prints what opening the ledger did that its owner should know, on standard error.
func printingNotices(_ ledger: LedgerDatabase) -> LedgerDatabase {
    for notice in ledger.notices { complain(notice) }
    return ledger
}

/// Prints `message` to standard error (escaped, see Printing.swift) and returns the exit status 1 to throw.
func failure(_ message: String) -> ExitCode {
    complain(message)
    return ExitCode.failure
}
