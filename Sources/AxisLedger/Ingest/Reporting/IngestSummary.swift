import Foundation

/// The one-line summary of an ingested file that `ingest` prints.
public enum IngestSummary {
    public static func line(for report: FileIngestReport) -> String {
        var parts = [
            "\(report.linesRead) line\(report.linesRead == 1 ? "" : "s")",
            "\(report.accepted) accepted",
            "\(report.duplicates) duplicate\(report.duplicates == 1 ? "" : "s")",
            "\(report.rejected) rejected",
        ]
        if report.blank > 0 { parts.append("\(report.blank) blank") }
        if let profile = report.profileName { parts.append("profile \(profile)") }
        return "\(report.path): " + parts.joined(separator: ", ")
    }

    /// For a file whose every line was rejected: the one line said first, with the field most
    /// lines missed and what to do.
    public static func allRejectedLine(for report: FileIngestReport) -> String {
        var text = "\(report.path): every line was rejected (\(report.rejected)), nothing stored"
        if let missed = report.mostMissedField {
            text += "; \(missed.lines) of them miss the required field \"\(missed.field)\""
        }
        if report.profileName == nil {
            text += ". If the file is in a shape of its own, map it with an input profile (--profile, see docs/input-formats.md)"
        } else {
            text += ". Check the profile against a few lines with `axis-ledger profile try PROFILE FILE`"
        }
        return text + "; the lines are kept in rejected_lines."
    }

    /// `ingest --timings`: the time and pages of each phase of the file's
    /// transaction, one line each, in a layout that lines up and parses.
    public static func timingLines(for report: FileIngestReport) -> [String] {
        guard let timings = report.timings else { return [] }
        let width = IngestTimings.Phase.allCases.map(\.title.count).max() ?? 0
        func padded(_ text: String) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        var lines = ["\(report.path): time by phase (pages: read into SQLite's page cache, written out of it)"]
        for phase in IngestTimings.Phase.allCases {
            let spent = timings[phase]
            lines.append("  \(padded(phase.title))  \(seconds(spent.seconds)) s   pages read \(spent.pagesRead), written \(spent.pagesWritten)")
        }
        lines.append("  \(padded("in all"))  \(seconds(timings.totalSeconds)) s")
        return lines
    }

    /// Seconds to the hundredth, right-aligned in 8 characters.
    private static func seconds(_ value: Double) -> String {
        String(format: "%8.2f", max(0, value))
    }
}
