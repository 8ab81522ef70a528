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

    /// Begin each CSV with a UTF-8 byte-order mark (`report --excel`), the
    /// only difference: Excel takes a CSV without one for the machine's
    /// legacy code page and shows `units 1–1000` as mojibake. Not the
    /// default, since to every other reader (Python's csv, pandas without
    /// `utf-8-sig`, `cut`, `sqlite3 .import`) the mark is part of the first
    /// header name.
    public var csvByteOrderMark = false

    public init(csvByteOrderMark: Bool = false) {
        self.csvByteOrderMark = csvByteOrderMark
    }

    /// Writes the five files, then the statements (when the report is
    /// priced), and returns their paths in that order.
    @discardableResult
    public func write(_ report: MonthReport, to outputFolder: String) throws -> [String] {
        try write(files: render(report), month: report.month, to: outputFolder)
    }

    /// The report's set of files, by name (a statement's under `statements/`), rendered in
    /// memory: `close` stores exactly these bytes before writing them.
    public func render(_ report: MonthReport) -> [(name: String, text: String)] {
        let contents = [ReportCSV.usage(report), ReportCSV.invoiceLines(report), ReportCSV.flags402(report),
                        ReportMarkdown.render(report), ReportJSON.render(report)]
        let statements = OrgStatement.all(in: report).flatMap(\.outputFiles)
        let margin = report.margin.map { [(name: MarginReport.fileName, text: (csvByteOrderMark ? "\u{FEFF}" : "") + $0.csv())] } ?? []
        return Array(zip(Self.fileNames, contents)).map { (name: $0.0, text: csvByteOrderMark && $0.0.hasSuffix(".csv") ? "\u{FEFF}" + $0.1 : $0.1) }
            + margin + statements
    }

    /// Replaces the month's set with `files`.
    @discardableResult
    public func write(files: [(name: String, text: String)], month: String, to outputFolder: String) throws -> [String] {
        try ReportFolder(outputFolder: outputFolder, month: month).replace(keeping: []) { _ in files }
    }
}
