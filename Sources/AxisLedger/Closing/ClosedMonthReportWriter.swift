import Foundation
import GRDB

/// Writes a closed month's folder: every issued file byte for byte, except
/// report.md, which gains a *Changes since close* section (and the folder a
/// changes_since_close.csv) when the live ledger now counts the month
/// differently.
public enum ClosedMonthReportWriter {
    static let sectionStart = "<!-- changes since close -->"
    static let sectionEnd = "<!-- /changes since close -->"

    /// The files of the set: the issued ones, report.md with the section when
    /// there are changes, and changes_since_close.csv then.
    static func files(closed: ClosedMonth, changes: ChangesSinceClose?) -> [(name: String, text: String)] {
        var files = closed.files.map { (name: $0.name, text: String(decoding: $0.content, as: UTF8.self)) }
        // The report's own order first (usage.csv … report.md), then any other issued file by name.
        let order = ReportWriter.fileNames
        files.sort { (order.firstIndex(of: $0.name) ?? order.count, $0.name) < (order.firstIndex(of: $1.name) ?? order.count, $1.name) }
        guard let changes, !changes.isEmpty else { return files }
        if let index = files.firstIndex(where: { $0.name == "report.md" }) {
            var text = files[index].text
            if !text.hasSuffix("\n") { text += "\n" }
            text += "\n" + sectionStart + "\n" + changes.markdownSection(closed: closed) + sectionEnd + "\n"
            files[index].text = text
        }
        files.append((name: ChangesSinceClose.fileName, text: changes.csv()))
        return files
    }

    /// Replaces `OUT/MONTH/` with the closed month's set; returns the paths written.
    @discardableResult
    static func write(closed: ClosedMonth, changes: ChangesSinceClose?, to outputFolder: String) throws -> [String] {
        try ReportWriter().write(files: files(closed: closed, changes: changes), month: closed.month, to: outputFolder)
    }
}
