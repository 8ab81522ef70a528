/// `statements/ORG.md`: one org's statement for the month, to paste into an
/// email or a ticket. Every value goes through ``MarkdownTable``'s escaping.
enum StatementMarkdown {
    static func render(_ s: OrgStatement) -> String {
        let org = MarkdownTable.escape(s.orgId)
        let code = s.currency.code
        var out = "# Statement for \(org), \(s.month)\n\n"
        out += "- Org: \(org)\n"
        if let local = s.localMonth {
            out += "- Month: \(local.sentence)\n"
        } else {
            out += "- Month: \(s.month) (UTC, from \(s.bounds.start) to \(s.bounds.end))\n"
        }
        out += "- Plan: \(MarkdownTable.escape(s.statement.planName))\n"
        out += "- Billed generations: \(s.statement.lines.last { $0.kind == .total }?.quantity ?? s.totalGenerations)\n"
        out += "- **Total due: \(s.money(s.statement.total)) \(code)**\n\n"
        out += "## Lines\n\n"
        out += MarkdownTable.render(
            header: ["Line", "Version", "Description", "Quantity", "Unit price (\(code))", "Amount (\(code))"],
            rows: s.chargeLines.map { line in
                [line.kind.rawValue, line.version?.rawValue ?? "", line.description, String(line.quantity),
                 s.unitPrice(line.unitPrice), s.money(line.amount)]
            } + [["total", "", "Total due", "", "", s.money(s.statement.total)]],
            alignments: [.left, .left, .left, .right, .right, .right])
        // Once every grant has expired (and its lapse was shown), the section is left out.
        if let credits = s.credits, let table = Optional(CreditTable(credits, currency: s.currency)), !table.isEmpty {
            out += "\n## Prepaid credits\n\n"
            if table.rows.isEmpty {
                out += "No grant pays for this month.\n"
            } else {
                out += MarkdownTable.render(header: table.header, rows: table.rows, alignments: [.left, .right, .right, .right, .left])
            }
            for sentence in table.lapses { out += "\n\(MarkdownTable.escape(sentence))\n" }
        }
        out += "\n## 402 insufficient_balance events\n\n"
        if let events = s.events402 {
            out += MarkdownTable.render(
                header: ["Events", "First", "Last", "Longest streak", "Recovered"],
                rows: [[String(events.events), events.first, events.last, String(events.longestStreak),
                        events.recoveredAt.map { "yes, billed again at \($0)" } ?? "no, not in this month"]],
                alignments: [.right, .left, .left, .right, .left])
            out += "\nA streak is a run of 402s with no billed generation of the org between them.\n\n"
        } else {
            out += "None this month.\n\n"
        }
        out += "## Billed generations per day (\(s.zoneName))\n\n"
        out += "```mermaid\nxychart-beta\n"
        out += "    title \"Billed generations per day, \(s.month) (\(s.zoneName))\"\n"
        out += "    x-axis [\(s.daily.map { "\"\($0.day.suffix(2))\"" }.joined(separator: ", "))]\n"
        out += "    y-axis \"Generations\"\n"
        out += "    bar [\(s.daily.map { String($0.generations) }.joined(separator: ", "))]\n```\n\n"
        out += "## Provenance\n\n"
        out += "Ledger files: " + (s.files.isEmpty ? "none" : s.files.map {
            "`\(MarkdownTable.escape($0.path))` (SHA-256 \(OrgStatement.short($0.sha256)))"
        }.joined(separator: ", ")) + ".\n"
        out += "Pricing: `\(MarkdownTable.escape(s.pricingFile))` (SHA-256 \(OrgStatement.short(s.pricingSHA256))).\n"
        return out
    }
}
