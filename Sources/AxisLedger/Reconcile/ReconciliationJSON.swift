import Foundation

/// reconciliation.json: the verdict and every discrepancy for programs
/// (`"schema": "axis-ledger/reconciliation/1"`), documented member by member
/// in docs/reports.md. Amounts are decimal strings written exactly as
/// reconciliation.csv writes them, counts integers, missing values `null`.
public enum ReconciliationJSON {
    public static let schema = "axis-ledger/reconciliation/1"
    public static let fileName = "reconciliation.json"

    public static func render(_ reconciliation: Reconciliation) -> String {
        document(reconciliation).rendered()
    }

    static func document(_ r: Reconciliation) -> JSONValue {
        .object([
            ("schema", .string(schema)),
            ("month", .string(r.month)),
            ("currency", .text(r.currency?.code)),
            ("tolerance", .string(ReconciliationText.amount(r.tolerance, r.currency))),
        ] + verdictMembers(r) + [
            ("inputs", inputs(r)),
            ("invoice", r.invoice.map { invoice($0, r) } ?? .null),
            ("discrepancies", .array(r.discrepancies.map { discrepancy($0, r) })),
        ])
    }

    /// The verdict, also report.json's `reconciliation` member (with where the rest is).
    static func reportMember(_ r: Reconciliation) -> JSONValue {
        .object([("file", .string(fileName))] + verdictMembers(r))
    }

    private static func verdictMembers(_ r: Reconciliation) -> [(String, JSONValue)] {
        [
            ("verdict", .string(r.matches ? "matches" : "differs")),
            ("exit_status", .int(Int(r.exitStatus))),
            ("compared_provider_files", .bool(r.comparedProviderFiles)),
            ("sentences", .array(r.verdictSentences.map { .object([("word", .text($0.word)), ("text", .string($0.text))]) })),
            ("counts", .array(r.counts(r.discrepancies).map {
                .object([("kind", .string($0.kind.rawValue)), ("source", .string(source($0.kind))), ("count", .int($0.count))])
            })),
        ]
    }

    private static func inputs(_ r: Reconciliation) -> JSONValue {
        .object([
            ("invoice", r.invoice.map { comparison in
                .object([("file", .string(comparison.invoice.pathName)), ("rows", .int(comparison.invoice.rows)),
                         ("sha256", .string(comparison.invoice.sha256))])
            } ?? .null),
            ("usage_export", r.usageExport.map { export in
                .object([
                    ("file", .string(export.fileName)),
                    ("format", .string(export.format == .csv ? "csv" : "jsonl")),
                    ("rows", .int(export.rows)),
                    ("rows_in_month", .int(export.rowsInMonth)),
                    ("generations_in_month", .int(export.generationsInMonth)),
                    ("ledger_generations", .int(export.ledgerGenerations)),
                    ("sha256", .string(export.sha256)),
                ])
            } ?? .null),
            ("pricing", r.pricingFile.map { .object([("file", .string($0.name)), ("sha256", .string($0.sha256))]) } ?? .null),
        ])
    }

    private static func invoice(_ invoice: InvoiceComparison, _ r: Reconciliation) -> JSONValue {
        let amount = { (value: Decimal?) -> JSONValue in value.map { .string(ReconciliationText.amount($0, r.currency)) } ?? .null }
        return .object([
            ("invoice_total", amount(invoice.invoiceTotal)),
            ("ledger_total", amount(invoice.ledgerTotal)),
            ("amount_at_stake", amount(invoice.amountAtStake)),
            ("by_version", .array(invoice.versions.map { row in
                .object([
                    ("org_id", .string(row.orgId)),
                    ("version", .string(row.version.rawValue)),
                    ("ledger_generations", .integer(row.ledgerGenerations)),
                    ("ledger_amount", amount(row.ledgerAmount)),
                    ("invoice_quantity", .integer(row.invoiceQuantity)),
                    ("invoice_amount", amount(row.invoiceAmount)),
                ])
            })),
            ("by_org", .array(invoice.orgs.map { row in
                .object([
                    ("org_id", .string(row.orgId)),
                    ("plan", .text(row.plan)),
                    ("ledger_org_charges", amount(row.ledgerOrgCharges)),
                    ("invoice_org_charges", amount(row.invoiceOrgCharges)),
                    ("ledger_total", amount(row.ledgerTotal)),
                    ("invoice_total", amount(row.invoiceTotal)),
                    ("total_difference", amount(row.totalDifference)),
                ])
            })),
        ])
    }

    private static func discrepancy(_ item: ReconciliationDiscrepancy, _ r: Reconciliation) -> JSONValue {
        .object([
            ("kind", .string(item.kind.rawValue)),
            ("source", .string(source(item.kind))),
            ("org_id", .string(item.orgId)),
            ("version", .text(item.version.isEmpty ? nil : item.version)),
            ("reference", .text(item.reference.isEmpty ? nil : item.reference)),
            ("ledger", value(item.ledger, r)),
            ("provider", value(item.provider, r)),
            ("difference", value(item.difference, r)),
            ("detail", .text(item.detail.isEmpty ? nil : item.detail)),
        ])
    }

    /// A tagged value, so an amount (a decimal string) is never taken for words.
    private static func value(_ value: ReconciliationDiscrepancy.Value, _ r: Reconciliation) -> JSONValue {
        switch value {
        case .amount(let amount): return .object([("amount", .string(ReconciliationText.amount(amount, r.currency)))])
        case .count(let count): return .object([("count", .int(count))])
        case .text(let text): return .object([("text", .string(text))])
        case .none: return .null
        }
    }

    private static func source(_ kind: ReconciliationDiscrepancy.Kind) -> String {
        switch kind.source {
        case .invoice: return "invoice"
        case .usageExport: return "usage_export"
        case .ledger: return "ledger"
        }
    }
}
