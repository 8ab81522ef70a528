import Foundation

/// Writes reconciliation.csv and reconciliation.md into `OUT/MONTH/` and adds
/// the verdict to that month's report.md when there is one.
public struct ReconciliationWriter {
    public static let fileNames = ["reconciliation.csv", "reconciliation.md"]
    public static let sectionStart = "<!-- reconciliation -->"
    public static let sectionEnd = "<!-- /reconciliation -->"

    public init() {}

    /// Writes the files (each replaced atomically) and returns the paths written, report.md last when it was updated.
    @discardableResult
    public func write(_ reconciliation: Reconciliation, to outputFolder: String) throws -> [String] {
        let folder = URL(fileURLWithPath: outputFolder).appendingPathComponent(reconciliation.month)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ReportError.cannotWrite(path: folder.path, reason: "cannot create the folder (\(error.localizedDescription))")
        }
        var written: [String] = []
        for (name, text) in zip(Self.fileNames, [ReconciliationCSV.render(reconciliation), ReconciliationMarkdown.render(reconciliation)]) {
            let target = folder.appendingPathComponent(name)
            try ReportWriter.replace(target, with: Data(text.utf8))
            written.append(target.path)
        }
        let report = folder.appendingPathComponent("report.md")
        if let data = FileManager.default.contents(atPath: report.path) {
            let updated = Self.withSection(ReconciliationMarkdown.reportSection(reconciliation), in: String(decoding: data, as: UTF8.self))
            try ReportWriter.replace(report, with: Data(updated.utf8))
            written.append(report.path)
        }
        return written
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
