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
        return "\(report.path): " + parts.joined(separator: ", ")
    }
}
