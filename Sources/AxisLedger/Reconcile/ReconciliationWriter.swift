import Foundation

/// Writes reconciliation.csv, reconciliation.md and reconciliation.json into
/// `OUT/MONTH/` and adds the verdict to that month's report.md (a section)
/// and report.json (its `reconciliation` member) when they are there.
///
/// The month's files stay one set (``ReportFolder``): the report's files are
/// carried unchanged, report.md is rewritten with the section, and the new
/// set is switched in with one rename, so a reader never sees the
/// reconciliation beside a report.md without its verdict.
public struct ReconciliationWriter {
    public static let fileNames = ["reconciliation.csv", "reconciliation.md", ReconciliationJSON.fileName]
    public static let sectionStart = "<!-- reconciliation -->"
    public static let sectionEnd = "<!-- /reconciliation -->"

    public init() {}

    /// Writes the files and returns the paths written, then report.md and report.json when they were updated.
    @discardableResult
    public func write(_ reconciliation: Reconciliation, to outputFolder: String) throws -> [String] {
        let folder = ReportFolder(outputFolder: outputFolder, month: reconciliation.month)
        return try folder.replace(keeping: ReportWriter.fileNames + [ChangesSinceClose.fileName, ReportWriter.statementsFolder]) { current in
            var files = [(name: Self.fileNames[0], text: ReconciliationCSV.render(reconciliation)),
                         (name: Self.fileNames[1], text: ReconciliationMarkdown.render(reconciliation)),
                         (name: Self.fileNames[2], text: ReconciliationJSON.render(reconciliation))]
            if let report = current.contents(of: "report.md") {
                let updated = Self.withSection(ReconciliationMarkdown.reportSection(reconciliation), in: String(decoding: report, as: UTF8.self))
                files.append((name: "report.md", text: updated))
            }
            // report.json's last member, as report.md's section: a report.json not shaped as axis-ledger writes it is kept as it is.
            if let report = current.contents(of: ReportJSON.fileName),
               let updated = ReportJSON.withReconciliation(ReconciliationJSON.reportMember(reconciliation), in: String(decoding: report, as: UTF8.self)) {
                files.append((name: ReportJSON.fileName, text: updated))
            }
            return files
        }
    }

    /// `report` with `section` between the markers: replacing what is between
    /// them when they are there (so running reconcile again leaves one
    /// section), else appended at the end.
    static func withSection(_ section: String, in report: String) -> String {
        let block = sectionStart + "\n" + section + sectionEnd + "\n"
        if let start = report.range(of: sectionStart) {
            let rest = report[start.upperBound...]
            let end = rest.range(of: sectionEnd).map { rest[$0.upperBound...].drop(while: { $0 == "\n" }) } ?? ""
            return String(report[..<start.lowerBound]) + block + (end.isEmpty ? "" : "\n" + end)
        }
        var text = report
        if !text.hasSuffix("\n") { text += "\n" }
        return text + "\n" + block
    }
}
