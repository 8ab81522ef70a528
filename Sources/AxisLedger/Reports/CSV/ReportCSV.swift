/// The report's three CSV files. Headers are part of the interface
/// (docs/reports.md): columns are only ever added at the end.
public enum ReportCSV {
    public static let usageHeader = ["month", "org_id", "plan", "version", "generations", "included", "billable", "amount", "currency", "dimension"]
    public static let invoiceLinesHeader = ["month", "org_id", "plan", "line", "version", "description", "quantity", "unit_price", "amount", "currency", "dimension"]
    public static let flags402Header = ["month", "org_id", "version", "occurred_at", "request_id", "idempotency_key", "source"]

    /// usage.csv: one row per org and version with billed generations, by org
    /// then version (and per dimension value, for a version priced by one).
    public static func usage(_ report: MonthReport) -> String {
        let money = MoneyFormatter()
        let currency = report.pricing?.rules.currency
        var rows: [[CSVCell]] = [usageHeader.map(CSVCell.text)]
        for usage in report.versionUsage {
            rows.append([
                .text(report.month), .text(usage.orgId), usage.plan.map(CSVCell.text) ?? .null, .text(usage.version.rawValue),
                .number(String(usage.generations)), usage.included.map { .number(String($0)) } ?? .null,
                usage.billable.map { .number(String($0)) } ?? .null,
                usage.amount.flatMap { amount in currency.map { .number(money.format(amount, currency: $0)) } } ?? .null,
                currency.map { .text($0.code) } ?? .null,
                usage.dimension.map(CSVCell.text) ?? .null,
            ])
        }
        return CSVWriter.document(rows)
    }

    /// invoice_lines.csv: every line of every statement, each org's `total` line last.
    /// Only the header when the report has no pricing.
    public static func invoiceLines(_ report: MonthReport) -> String {
        var rows: [[CSVCell]] = [invoiceLinesHeader.map(CSVCell.text)]
        if let pricing = report.pricing {
            let money = MoneyFormatter()
            let currency = pricing.rules.currency
            for statement in pricing.statements {
                for line in statement.lines {
                    rows.append([
                        .text(report.month), .text(statement.orgId), .text(statement.planName), .text(line.kind.rawValue),
                        line.version.map { .text($0.rawValue) } ?? .null, .text(line.description),
                        .number(String(line.quantity)),
                        line.unitPrice.map { .number(money.formatUnitPrice($0, currency: currency)) } ?? .null,
                        .number(money.format(line.amount, currency: currency)), .text(currency.code),
                        line.dimension.map(CSVCell.text) ?? .null,
                    ])
                }
            }
        }
        return CSVWriter.document(rows)
    }

    /// flags_402.csv: one row per 402 event of the month, in time order.
    public static func flags402(_ report: MonthReport) -> String {
        var rows: [[CSVCell]] = [flags402Header.map(CSVCell.text)]
        for event in report.data.events402 {
            rows.append([
                .text(report.month), .text(event.orgId), .text(event.version.rawValue), .text(event.occurredAt),
                event.requestId.map(CSVCell.text) ?? .null, event.idempotencyKey.map(CSVCell.text) ?? .null,
                .text("\(event.sourceFile):\(event.sourceLine)"),
            ])
        }
        return CSVWriter.document(rows)
    }
}
