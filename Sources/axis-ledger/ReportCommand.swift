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
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The month to report, in UTC.", valueName: "YYYY-MM"))
    var month: String

    @Option(help: ArgumentHelp("Pricing rules (default: ./pricing.yaml when it exists). See docs/pricing.md.", valueName: "file"))
    var pricing: String?

    @Option(help: ArgumentHelp("The folder that receives MONTH/ with the report files.", valueName: "folder"))
    var out = "reports"

    @Option(name: .customLong("print"),
            help: ArgumentHelp("What goes to standard output once the files are written: summary (the files and a line of figures), json (report.json's bytes), markdown (report.md's bytes) or none.", valueName: "what"))
    var printed: ReportPrintChoice = .summary

    func validate() throws {
        if MonthText.parse(month) == nil { throw ValidationError("--month \(month) is not a month; write it as YYYY-MM, e.g. 2026-10.") }
    }

    func run() throws {
        let ledger = try openLedger(database.path, readOnly: true)
        let pricingPath = pricing ?? (FileManager.default.fileExists(atPath: "pricing.yaml") ? "pricing.yaml" : nil)
        do {
            let rules = try pricingPath.map { try PricingRules.loadForReport(path: $0) }
            let report = try MonthReportBuilder(ledger: ledger).build(month: month, rules: rules)
            let files = try ReportWriter().write(report, to: out)
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
        }
    }
}

/// `report --print`: what standard output gets.
enum ReportPrintChoice: String, ExpressibleByArgument, CaseIterable {
    case summary, json, markdown, none
}
