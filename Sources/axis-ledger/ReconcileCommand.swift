import ArgumentParser
import AxisLedger
import Foundation

struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Check the provider's monthly invoice and usage export against the ledger.",
        discussion: """
            Compares the invoice per org and version and per org (org-level charges, total due), \
            the ledger rated with the provider's price list (--cost, also spelled --pricing), \
            the usage export generation by generation, and the ledger's request logs with its \
            response records. Writes reconciliation.csv and reconciliation.md into OUT/MONTH/ and \
            adds a reconciliation section to OUT/MONTH/report.md when it exists \
            (docs/reconciliation.md).

            Exit status, like diff: 0 the provider's files match the ledger within the tolerance \
            (with no provider file: the ledger has no data-quality findings); 1 they differ; \
            2 bad input (a bad provider row, a bad argument, missing pricing) or an error.

            Examples:
              axis-ledger reconcile --invoice invoice.csv --cost provider.yaml
              axis-ledger reconcile --usage-export usage.csv --tolerance 0.05
              axis-ledger reconcile --month last --invoice inv.csv --out reports
            """)

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var month: MonthOption

    @Option(help: ArgumentHelp("The provider's invoice CSV (org_id,version,quantity,amount; default: none).", valueName: "file"))
    var invoice: String?

    @Option(help: ArgumentHelp("The provider's usage export, CSV or JSON Lines (generation_id,org_id,version,timestamp; default: none).", valueName: "file"))
    var usageExport: String?

    /// `--cost` and `--pricing` are one option: the provider invoices at its own prices, so the ledger is
    /// rated with the provider's price list (the file `report --cost` takes), written as a pricing file.
    @Option(name: [.customLong("cost"), .customLong("pricing")],
            help: ArgumentHelp("The provider's price list, a pricing file that rates the ledger as the provider invoices it; needed with --invoice (default: ./pricing.yaml when it exists). --pricing is the same option. See docs/pricing.md.", valueName: "file"))
    var pricing: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Amounts that differ by at most this match, 0 or more.", valueName: "amount"))
    var tolerance = "0.01"

    @Option(help: ArgumentHelp("The folder that receives MONTH/ with the reconciliation files.", valueName: "folder"))
    var out = "reports"

    /// Argument mistakes exit 2 here, like other bad input, so a payment job needs to know one status only.
    func validate() throws {
        if tolerance.hasPrefix("-") { throw usageError("--tolerance must be 0 or more; got \(tolerance).") }
        do {
            _ = try ReconcileError.tolerance(tolerance)
        } catch {
            throw usageError("\(error)")
        }
    }

    func run() throws {
        if let problem = outputFolderProblem(out, command: "reconcile") { throw badInput(problem) }
        let month: String
        do { month = try self.month.resolve(command: "reconcile") } catch { throw ExitCode(2) }
        let ledger: LedgerDatabase
        do {
            ledger = printingNotices(try LedgerDatabase(path: database.path, readOnly: true))
        } catch let error as LedgerError {
            throw badInput(error.description)
        }
        // A closed month is reconciled under its issued pricing unless --pricing names one (checked to be the same).
        let closed = (try? ClosedMonthReport.isClosed(ledger: ledger, month: month)) ?? false
        let pricingPath = pricing ?? (!closed && FileManager.default.fileExists(atPath: "pricing.yaml") ? "pricing.yaml" : nil)
        let reconciliation: Reconciliation
        let written: [String]
        do {
            let rules = try pricingPath.map { try PricingRules.loadForReport(path: $0) }
            reconciliation = try Reconciler(ledger: ledger).reconcile(
                month: month, invoicePath: invoice, usageExportPath: usageExport, rules: rules,
                tolerance: try ReconcileError.tolerance(tolerance))
            written = try ReconciliationWriter().write(reconciliation, to: out)
        } catch let error as ProviderFileError {
            throw badInput(error.description)
        } catch let error as PricingError {
            throw badInput(error.description)
        } catch let error as ReconcileError {
            throw badInput(error.description)
        } catch let error as ReportError {
            throw badInput(error.description)
        } catch {
            throw badInput(PathProblem.describe(error))
        }
        do {
            for file in written { try say(file) }
            for line in reconciliation.verdictLines { try say(line) }
        } catch {
            throw ExitCode(2)  // The output could not be written (the message is printed): an error, like bad input.
        }
        if reconciliation.exitStatus != 0 { throw ExitCode(reconciliation.exitStatus) }
    }

    private func usageError(_ message: String) -> ExitCode {
        FileHandleOutput.standardError.write(TerminalText.escapedKeepingLineBreaks("axis-ledger reconcile: \(message)\nUsage: \(AxisLedgerCommand.usageString(for: Self.self))") + "\n")
        return ExitCode(2)
    }

    private func badInput(_ message: String) -> ExitCode {
        complain(message)
        return ExitCode(2)
    }
}
