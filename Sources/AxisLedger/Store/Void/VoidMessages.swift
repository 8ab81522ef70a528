/// What `void`, `void --undo` and `ingest` tell a person about voids, in
/// one place so the command and its tests read the same words.
public enum VoidMessages {
    /// Ingest met the bytes of a voided file: nothing added.
    public static func reingestedVoided(path: String, earlierPath: String, void: FileIngestReport.EarlierVoid) -> String {
        "\(path): same SHA-256 as file \(void.fileId) (\(earlierPath)), which was voided \(void.at) by \(void.by): \(void.reason); "
            + "nothing added. To count it again: `axis-ledger void --undo \(void.fileId)`"
    }

    /// Which part of a grown log a voided (or un-voided) file is, and what of the log still counts.
    static func partLine(_ part: FileVoider.FilePart, _ outcome: FileVoider.Outcome) -> String {
        let lines = part.lastLine.map { $0 == part.firstLine ? "line \($0)" : "lines \(part.firstLine)–\($0)" } ?? "from line \(part.firstLine)"
        let ids = { (list: [Int64]) in list.map(String.init).joined(separator: ", ") }
        var text = "  file \(outcome.fileId) is part \(part.number) of \(part.count) of \(outcome.path) as it grew (\(lines)); "
        let live = part.otherParts.filter { !part.otherPartsVoided.contains($0) }
        switch outcome.action {
        case .void:
            text += "only this part is voided"
            if !live.isEmpty {
                text += ": file(s) \(ids(live)) still count; void each with `axis-ledger void ID --reason TEXT` to take the whole log out"
            }
        case .undo:
            text += "this part counts again"
            if !part.otherPartsVoided.isEmpty {
                text += "; file(s) \(ids(part.otherPartsVoided)) are still voided (`axis-ledger void --undo ID` each)"
            }
        }
        return text
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
        if let part = outcome.part { lines.append(partLine(part, outcome)) }
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
