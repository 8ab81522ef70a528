import Foundation

/// Writes a month's report files into `OUT/MONTH/`.
///
/// The files are one set (``ReportFolder``): written whole beside the
/// folder, then switched in with one rename, so a reader sees the previous
/// report or this one, never a mix, and a failed run leaves the previous one.
/// A report replaces the month's set: the reconciliation files of an earlier
/// `reconcile` belonged to the previous report and go with it (run
/// `reconcile` again); files that axis-ledger does not write stay.
public struct ReportWriter {
    public static let fileNames = ["usage.csv", "invoice_lines.csv", "flags_402.csv", "report.md", ReportJSON.fileName]
    /// The subfolder with one statement per org, `ORG.md` and `ORG.html` (``StatementFileName``).
    public static let statementsFolder = StatementFileName.folder

    public init() {}

    /// Writes the five files, then the statements (when the report is
    /// priced), and returns their paths in that order.
    @discardableResult
    public func write(_ report: MonthReport, to outputFolder: String) throws -> [String] {
        let contents = [ReportCSV.usage(report), ReportCSV.invoiceLines(report), ReportCSV.flags402(report),
                        ReportMarkdown.render(report), ReportJSON.render(report)]
        let statements = OrgStatement.all(in: report).flatMap(\.outputFiles)
        return try ReportFolder(outputFolder: outputFolder, month: report.month).replace(keeping: []) { _ in
            Array(zip(Self.fileNames, contents)).map { (name: $0.0, text: $0.1) } + statements
        }
    }
}
