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
}
