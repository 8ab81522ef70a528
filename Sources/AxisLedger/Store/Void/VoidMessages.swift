/// What `void`, `void --undo` and `ingest` tell a person about voids, in
/// one place so the command and its tests read the same words.
public enum VoidMessages {
    /// Ingest met the bytes of a voided file: nothing added.
    public static func reingestedVoided(path: String, earlierPath: String, void: FileIngestReport.EarlierVoid) -> String {
        "\(path): same SHA-256 as file \(void.fileId) (\(earlierPath)), which was voided \(void.at) by \(void.by): \(void.reason); "
            + "nothing added. To count it again: `axis-ledger void --undo \(void.fileId)`"
    }

    /// The summary of a void or undo done.
    public static func summary(_ outcome: FileVoider.Outcome) -> [String] {
        var lines: [String] = []
        switch outcome.action {
        case .void:
            lines.append("voided file \(outcome.fileId) (\(outcome.path)) at \(outcome.actedAt) by \(outcome.actedBy): \(outcome.reason ?? "")")
            let kept = outcome.keptByOtherFiles
            lines.append("  \(outcome.lines == 1 ? "1 stored line no longer counts" : "\(outcome.lines) stored lines no longer count")"
                         + (kept > 0 ? ", except \(kept) that another live file also holds" : ""))
        case .undo:
            lines.append("undid the void of file \(outcome.fileId) (\(outcome.path)) at \(outcome.actedAt) by \(outcome.actedBy)"
                         + (outcome.reason.map { ": \($0)" } ?? ""))
            lines.append("  its \(outcome.lines) stored lines count again")
        }
        if outcome.generationsRebilled > 0 {
            lines.append("  billing rule 2 applied again to \(outcome.generationsRebilled) generationId(s): "
                         + "\(outcome.billedBefore) billed before, \(outcome.billedAfter) now, \(outcome.moved) moved to another month, org or version")
        }
        if outcome.action == .void, !outcome.filesWithUnknownRepeats.isEmpty {
            let ids = outcome.filesWithUnknownRepeats.map(String.init).joined(separator: ", ")
            lines.append("  note: file(s) \(ids) were ingested before this version and counted duplicates without noting which lines; "
                         + "a line of this file they repeat no longer counts either (docs/schema.md, \"Voided files\")")
        }
        return lines
    }
}
