import ArgumentParser
import AxisLedger
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a month's usage, invoice lines, 402 flags and report into OUT/MONTH/.",
        discussion: """
            Writes usage.csv, invoice_lines.csv, flags_402.csv, report.md, report.json and, with a \
            pricing file, one statement per org in statements/ (ORG.md and ORG.html) (docs/reports.md). \
            The same database and pricing file always give byte-identical files. Without a pricing \
            file the report still counts billed generations and says that amounts need one.

            A closed month (`axis-ledger close`) is written as issued: the same bytes as at close, its \
            issued pricing used (--pricing may be left out; a different file is refused), and, when the \
            ledger now counts it differently, changes_since_close.csv and a Changes since close section in \
            report.md. An open month's statements carry the adjustments of earlier closed months.

            An org with `timezone:` in the pricing file is billed for its local month: its statement, usage rows \
            and 402 events count from its month's first local midnight to the next, and its statement says so \
            (docs/pricing.md, "Time zones").

            With --cost PROVIDER_PRICING.yaml (a pricing file with the provider's prices), the same generations \
            are rated at what the provider charges, and margin.csv and a Margin section in report.md show revenue, \
            cost, margin and margin % per org, version and dimension, negative margins first (docs/reports.md).

            Examples:
              axis-ledger report
              axis-ledger report --month 2026-10 --pricing pricing.yaml --out reports
              axis-ledger report --month last --excel --cost provider.yaml
            """)

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var month: MonthOption

    @Option(help: ArgumentHelp("Pricing rules (default: ./pricing.yaml when it exists). See docs/pricing.md.", valueName: "file"))
    var pricing: String?

    @Option(help: ArgumentHelp("The provider's price list, a pricing file (docs/pricing.md): adds margin.csv and a Margin section (needs --pricing).", valueName: "file"))
    var cost: String?

    @Option(help: ArgumentHelp("The folder that receives MONTH/ with the report files.", valueName: "folder"))
    var out = "reports"

    @Flag(help: "Begin each CSV with a UTF-8 byte-order mark, the only difference, so Excel reads it as UTF-8 (not the default: other programs take the mark for part of the first column's name).")
    var excel = false

    /// A month without a single record is more often a typo than a quiet month.
    static func noRecordsWarning(month: String) -> String {
        "report: no records in \(month): is that the month you meant? (orgs listed in the pricing file are still billed their minimums)"
    }

    @Option(name: .customLong("print"),
            help: ArgumentHelp("What goes to standard output once the files are written: summary (the files and a line of figures), json (report.json's bytes), markdown (report.md's bytes) or none.", valueName: "what"))
    var printed: ReportPrintChoice = .summary

    func run() throws {
        if let problem = outputFolderProblem(out, command: "report") { throw failure(problem) }
        let month = try self.month.resolve(command: "report")
        let ledger = try openLedger(database.path, readOnly: true)
        let pricingPath = pricing ?? (FileManager.default.fileExists(atPath: "pricing.yaml") ? "pricing.yaml" : nil)
        do {
            // A closed month: its issued files, whatever was ingested since (CloseCommand.swift).
            if let closed = try ClosedMonthReport.load(ledger: ledger, month: month) {
                if cost != nil {
                    throw failure("report: \(month) is closed, and its files are the issued ones; --cost adds to an open month's report only. "
                        + "Leave out --cost, or run it on an open month")
                }
                try closed.check(pricing: try pricing.map { try PricingRules.loadForReport(path: $0) })
                let files = try closed.write(to: out)
                switch printed {
                case .summary:
                    for line in ReportSummary.fileLines(files) { try say(line) }
                    try say(closed.summaryLine)
                case .json, .markdown:
                    // The issued file as just written (report.md with its changes section, when any).
                    let name = printed == .json ? ReportJSON.fileName : "report.md"
                    let path = URL(fileURLWithPath: out).appendingPathComponent(month).appendingPathComponent(name).path
                    try emit(String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self))
                case .none: break
                }
                return
            }
            let rules = try pricingPath.map { try PricingRules.loadForReport(path: $0) }
            if let cost, rules == nil {
                throw failure("report: --cost \(cost) compares the provider's prices with what the orgs pay, which needs the orgs' pricing; "
                    + "give --pricing FILE too (or put pricing.yaml in the current folder)")
            }
            var report = try MonthReportBuilder(ledger: ledger).build(month: month, rules: rules)
            if let cost {
                report.margin = try MarginReport.build(report: report, costRules: try PricingRules.loadForReport(path: cost))
            }
            if report.data.responseStatuses.isEmpty, report.data.attemptStatuses.isEmpty {
                FileHandleOutput.standardError.write(TerminalText.escaped(Self.noRecordsWarning(month: month)) + "\n")
            }
            let files = try ReportWriter(csvByteOrderMark: excel).write(report, to: out)
            switch printed {
            case .summary:
                for line in ReportSummary.fileLines(files) { try say(line) }
                try say(ReportSummary.line(for: report))
            case .json: try emit(ReportJSON.render(report))
            case .markdown: try emit(ReportMarkdown.render(report))
            case .none: break
            }
        } catch let error as PricingError {
            throw failure(error.description)
        } catch let error as ReportError {
            throw failure(error.description)
        } catch let error as ClosingError {
            throw failure(error.description)
        }
    }
}

/// `report --print`: what standard output gets.
enum ReportPrintChoice: String, ExpressibleByArgument, CaseIterable {
    case summary, json, markdown, none
}
