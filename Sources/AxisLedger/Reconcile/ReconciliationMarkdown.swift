import Foundation

/// reconciliation.md: the verdict first, then the comparisons and every kind
/// of discrepancy (at most ``listedPerKind`` rows each; the CSV has all).
public enum ReconciliationMarkdown {
    public static let listedPerKind = 50

    public static func render(_ reconciliation: Reconciliation) -> String {
        var out = "# Reconciliation, \(reconciliation.month)\n\n"
        out += verdict(reconciliation)
        out += inputs(reconciliation)
        if let invoice = reconciliation.invoice { out += invoiceTables(invoice, reconciliation) }
        out += discrepancyTables(title: "## Differences from the provider's files\n\n", reconciliation.providerDiscrepancies, reconciliation,
                                 none: reconciliation.comparedProviderFiles ? "None: the provider's files match the ledger.\n\n"
                                                                            : "No provider file was given.\n\n")
        out += discrepancyTables(title: "## Inside the ledger (data quality)\n\n"
                                 + "Request-log attempts and response records checked against each other, for orgs with both in the month. "
                                 + "These findings decide the exit status only when no provider file is given.\n\n",
                                 reconciliation.ledgerFindings, reconciliation, none: "No findings.\n\n")
        return out
    }

    /// The verdict and the counts by kind: also the report.md section's body.
    static func verdict(_ reconciliation: Reconciliation) -> String {
        var out = "**\(reconciliation.matches ? "Matches" : "Differs").**\n\n"
        for sentence in reconciliation.verdictSentences {
            out += "- " + (sentence.word.map { "\($0): " } ?? "") + sentence.text + "\n"
        }
        out += "\n"
        let counts = reconciliation.counts(reconciliation.discrepancies)
        if !counts.isEmpty {
            out += MarkdownTable.render(
                header: ["Kind", "Count", "Meaning"],
                rows: counts.map { [$0.kind.rawValue, String($0.count), $0.kind.meaning] },
                alignments: [.left, .right, .left])
            out += "\n"
        }
        return out
    }

    private static func inputs(_ reconciliation: Reconciliation) -> String {
        var out = "## Inputs\n\n"
        if let invoice = reconciliation.invoice?.invoice {
            out += "- Invoice: `\(MarkdownTable.escape(invoice.pathName))`, \(invoice.rows) rows, SHA-256 `\(invoice.sha256)`\n"
        }
        if let export = reconciliation.usageExport {
            out += "- Usage export: `\(MarkdownTable.escape(export.fileName))` (\(export.format == .csv ? "CSV" : "JSON Lines")), "
                + "\(export.rows) rows, \(export.rowsInMonth) in \(reconciliation.month) naming \(export.generationsInMonth) generations; "
                + "the ledger billed \(export.ledgerGenerations) in the month. SHA-256 `\(export.sha256)`\n"
        }
        if let pricing = reconciliation.pricingFile {
            out += "- Pricing: `\(MarkdownTable.escape(pricing.name))`, SHA-256 `\(pricing.sha256)`\n"
        }
        if reconciliation.invoice != nil {
            out += "- Tolerance: amounts within \(reconciliation.money(reconciliation.tolerance)) match (per org and version, per org)\n"
        }
        if !reconciliation.comparedProviderFiles { out += "- No provider file: only the ledger's own logs were checked\n" }
        return out + "\n"
    }

    private static func invoiceTables(_ invoice: InvoiceComparison, _ reconciliation: Reconciliation) -> String {
        let amount = { (value: Decimal?) in value.map { ReconciliationText.amount($0, reconciliation.currency) } ?? "" }
        let signedAmount = { (value: Decimal) in ReconciliationText.signed(.amount(value), reconciliation.currency) }
        var out = "## Invoice against the ledger\n\n"
        out += "Differences are invoice minus ledger. The ledger's amounts are its statements' (docs/billing.md, docs/pricing.md).\n\n"
        out += "### By org and version\n\n"
        out += MarkdownTable.render(
            header: ["Org", "Version", "Ledger generations", "Ledger amount", "Invoice quantity", "Invoice amount", "Quantity difference", "Amount difference"],
            rows: invoice.versions.map { row in
                let quantityDifference = (row.invoiceQuantity ?? 0) - (row.ledgerGenerations ?? 0)
                return [row.orgId, row.version.rawValue, row.ledgerGenerations.map(String.init) ?? "", amount(row.ledgerAmount),
                        row.invoiceQuantity.map(String.init) ?? "", amount(row.invoiceAmount),
                        ReconciliationText.signed(.count(quantityDifference), nil),
                        signedAmount((row.invoiceAmount ?? 0) - (row.ledgerAmount ?? 0))]
            },
            alignments: [.left, .left, .right, .right, .right, .right, .right, .right])
        out += "\n### By org\n\n"
        out += MarkdownTable.render(
            header: ["Org", "Plan", "Ledger org charges", "Invoice org charges", "Ledger total", "Invoice total", "Difference"],
            rows: invoice.orgs.map { row in
                [row.orgId, row.plan ?? "", amount(row.ledgerOrgCharges), amount(row.invoiceOrgCharges),
                 amount(row.ledgerTotal), amount(row.invoiceTotal), signedAmount(row.totalDifference)]
            } + [["Total", "", "", "", amount(invoice.ledgerTotal), amount(invoice.invoiceTotal), signedAmount(invoice.invoiceTotal - invoice.ledgerTotal)]],
            alignments: [.left, .left, .right, .right, .right, .right, .right])
        return out + "\n"
    }

    private static func discrepancyTables(title: String, _ list: [ReconciliationDiscrepancy], _ reconciliation: Reconciliation, none: String) -> String {
        var out = title
        guard !list.isEmpty else { return out + none }
        for (kind, count) in reconciliation.counts(list) {
            let items = list.filter { $0.kind == kind }
            out += "### \(kind.rawValue) (\(count))\n\n\(kind.meaning.prefix(1).uppercased() + kind.meaning.dropFirst()).\n\n"
            out += MarkdownTable.render(
                header: ["Org", "Version", "Generation or key", "Ledger", "Provider", "Difference", "Detail"],
                rows: items.prefix(listedPerKind).map {
                    [$0.orgId, $0.version, $0.reference, ReconciliationText.cell($0.ledger, reconciliation.currency),
                     ReconciliationText.cell($0.provider, reconciliation.currency),
                     ReconciliationText.signed($0.difference, reconciliation.currency), $0.detail]
                },
                alignments: [.left, .left, .left, .left, .left, .right, .left])
            if count > listedPerKind { out += "\n… and \(count - listedPerKind) more in reconciliation.csv.\n" }
            out += "\n"
        }
        return out
    }

    /// The section added to report.md, between the markers.
    static func reportSection(_ reconciliation: Reconciliation) -> String {
        "## Reconciliation\n\n" + verdict(reconciliation)
            + "Every difference is in reconciliation.csv and explained in reconciliation.md, beside this report (docs/reconciliation.md).\n"
    }
}
