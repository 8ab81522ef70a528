import Foundation

/// margin.csv and report.md's *Margin* section (docs/reports.md).
extension MarginReport {
    /// margin.csv: one row per org, version and dimension, then the org's
    /// org-level row (empty version and dimension: minimum, cap, fee and
    /// discounts), by org. Amounts in the statement's currency.
    public func csv() -> String {
        let money = MoneyFormatter()
        var lines: [[CSVCell]] = [Self.header.map(CSVCell.text)]
        for row in self.rows {
            lines.append([
                .text(month), .text(row.orgId), row.version.map { .text($0.rawValue) } ?? .null,
                row.dimension.map(CSVCell.text) ?? .null, row.generations.map { .number(String($0)) } ?? .null,
                .number(money.format(row.revenue, currency: currency)), .number(money.format(row.cost, currency: currency)),
                .number(money.format(row.margin, currency: currency)),
                row.marginPercent.map { .number(Self.percentText($0)) } ?? .null, .text(currency.code),
            ])
        }
        return CSVWriter.document(lines)
    }
}

enum MarginMarkdown {
    /// The *Margin* section: per org, those with a negative margin first, and the total.
    static func section(_ margin: MarginReport) -> String {
        let money = MoneyFormatter()
        let code = margin.currency.code
        func amount(_ value: Decimal) -> String { money.format(value, currency: margin.currency) }
        var out = "## Margin\n\n"
        out += "What the orgs pay (revenue: each statement before credits and adjustments) against what the provider charges "
        out += "for the same generations in the same month (cost: `\(MarkdownTable.escape(margin.costFile))`, "
        out += "SHA-256 \(String(margin.costSHA256.prefix(12)))). Margin = revenue − cost; margin % = margin / revenue × 100, "
        out += "half up to one decimal, empty when revenue is 0. Orgs with a negative margin come first. "
        out += "Per version and dimension in \(MarginReport.fileName).\n\n"
        let total = margin.total
        out += MarkdownTable.render(
            header: ["Org", "Generations", "Revenue (\(code))", "Cost (\(code))", "Margin (\(code))", "Margin %"],
            rows: margin.orgs.map {
                [$0.orgId, String($0.generations), amount($0.revenue), amount($0.cost), amount($0.margin), MarginReport.percentText($0.marginPercent)]
            } + [["Total", String(total.generations), amount(total.revenue), amount(total.cost), amount(total.margin),
                  MarginReport.percentText(total.marginPercent)]],
            alignments: [.left, .right, .right, .right, .right, .right])
        return out + "\n"
    }
}
