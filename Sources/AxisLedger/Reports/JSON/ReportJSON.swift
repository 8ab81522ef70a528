import Foundation

/// report.json: every figure of usage.csv, invoice_lines.csv, flags_402.csv
/// and report.md for programs, in the form docs/reports.md describes member
/// by member (`"schema": "axis-ledger/report/1"`).
///
/// Amounts are decimal strings written exactly as the CSV files write them
/// (the currency's minor digits; unit prices as in the pricing file), counts
/// are integers, a missing value is `null` (members are never left out), and
/// lists are in the CSV files' order. Where report.md lists only the first
/// anomalies of a kind, report.json has every one.
public enum ReportJSON {
    public static let schema = "axis-ledger/report/1"
    public static let fileName = "report.json"

    /// The line that starts the last member, which `reconcile` replaces
    /// (a string in the document never holds a raw line break, so this text
    /// can only be the top-level member).
    static let reconciliationMemberStart = "\n  \"reconciliation\": "

    public static func render(_ report: MonthReport) -> String {
        document(report).rendered()
    }

    static func document(_ report: MonthReport) -> JSONValue {
        let data = report.data
        let bounds = MonthText.bounds(report.month)
        let money = Money(report.pricing?.rules.currency)
        return .object([
            ("schema", .text(schema)),
            ("month", .text(report.month)),
            ("bounds", .object([("start", .text(bounds?.start)), ("end", .text(bounds?.end))])),
            ("currency", .text(report.pricing?.rules.currency.code)),
            ("totals", totals(report, money)),
            ("usage", .array(report.versionUsage.map { usage in
                .object([
                    ("org_id", .text(usage.orgId)),
                    ("plan", .text(usage.plan)),
                    ("version", .text(usage.version.rawValue)),
                    ("generations", .integer(usage.generations)),
                    ("included", .integer(usage.included)),
                    ("billable", .integer(usage.billable)),
                    ("amount", money.amount(usage.amount)),
                ] + dimension(usage.dimension))
            })),
            ("statements", .array((report.pricing?.statements ?? []).map { statement($0, report: report, money: money) })),
            ("daily_generations", .array(data.dailyGenerations.map {
                .object([("day", .text($0.day)), ("v1", .integer($0.v1)), ("v2", .integer($0.v2)), ("total", .integer($0.v1 + $0.v2))])
            })),
            ("events_402", .object([
                ("summary", .array(summaries402(data).map(summary402))),
                ("events", .array(data.events402.map { event in
                    .object([
                        ("org_id", .text(event.orgId)),
                        ("version", .text(event.version.rawValue)),
                        ("occurred_at", .text(event.occurredAt)),
                        ("request_id", .text(event.requestId)),
                        ("idempotency_key", .text(event.idempotencyKey)),
                        ("source", .object([("file", .text(event.sourceFile)), ("line", .integer(event.sourceLine))])),
                    ])
                })),
            ])),
            ("anomalies", .array(data.anomalies.map { anomaly in
                .object([
                    ("kind", .text(anomaly.kind)),
                    ("org_id", .text(anomaly.orgId)),
                    ("version", .text(anomaly.version)),
                    ("generation_id", .text(anomaly.generationId)),
                    ("request_id", .text(anomaly.requestId)),
                    ("occurred_at", .text(anomaly.occurredAt)),
                    ("detail", .text(anomaly.detail)),
                ])
            })),
            ("operations", operations(data)),
            ("data_quality", .object([
                ("rejects", .array(data.rejects.map { .object([("reason", .text($0.reason)), ("lines", .integer($0.count))]) })),
            ])),
            ("provenance", provenance(report)),
            // Last, so reconcile can replace it (``ReconciliationWriter``).
            ("reconciliation", .null),
        ])
    }

    /// One statement with its lines, each line as a row of invoice_lines.csv.
    /// A `dimension` member for a usage row or line of a version priced by
    /// one; none otherwise, so a report without dimensions reads as before.
    static func dimension(_ value: String?) -> [(String, JSONValue)] {
        value.map { [("dimension", .text($0))] } ?? []
    }

    static func statement(_ statement: Statement, report: MonthReport, money: Money) -> JSONValue {
        // An org with a time zone says which month it was counted in; others have no such key, as before.
        let local: [(String, JSONValue)] = report.data.localMonths[statement.orgId].map { month in
            [("local_month", .object([("month", .text(month.month)), ("time_zone", .text(month.timeZone)),
                                      ("start", .text(month.start)), ("end", .text(month.end))]))]
        } ?? []
        return .object([
            ("org_id", .text(statement.orgId)),
            ("plan", .text(statement.planName)),
            ("subtotal", money.amount(statement.subtotal)),
            ("minimum_top_up", money.amount(statement.minimumTopUp)),
            ("total", money.amount(statement.total)),
        ] + local + [
            ("lines", .array(statement.lines.map { line in
                .object([
                    ("line", .text(line.kind.rawValue)),
                    ("version", .text(line.version?.rawValue)),
                    ("description", .text(line.description)),
                    ("quantity", .integer(line.quantity)),
                    ("unit_price", money.unitPrice(line.unitPrice)),
                    ("amount", money.amount(line.amount)),
                ] + dimension(line.dimension))
            })),
        ])
    }

    static func summaries402(_ data: MonthData) -> [Insufficient402Summary] {
        Insufficient402Summary.summarize(events: data.events402, billedTimesByOrg: data.billedTimesByOrg)
    }

    static func summary402(_ summary: Insufficient402Summary) -> JSONValue {
        .object([
            ("org_id", .text(summary.orgId)),
            ("events", .integer(summary.events)),
            ("first", .text(summary.first)),
            ("last", .text(summary.last)),
            ("longest_streak", .integer(summary.longestStreak)),
            ("recovered", .bool(summary.recoveredAt != nil)),
            ("recovered_at", .text(summary.recoveredAt)),
        ])
    }

    private static func totals(_ report: MonthReport, _ money: Money) -> JSONValue {
        let data = report.data
        let v1 = data.usage.filter { $0.version == .v1 }.reduce(0) { $0 + $1.generations }
        let v2 = data.usage.filter { $0.version == .v2 }.reduce(0) { $0 + $1.generations }
        return .object([
            ("generations", .object([("v1", .integer(v1)), ("v2", .integer(v2)), ("total", .integer(v1 + v2))])),
            ("amount_due", money.amount(report.amountDue)),
            ("statements", .integer(report.pricing?.statements.count)),
            ("orgs_with_records", .integer(data.activeOrgs.count)),
            ("orgs_billed", .integer(Set(data.usage.map(\.orgId)).count)),
            ("events_402", .integer(data.events402.count)),
            ("orgs_with_402", .integer(Set(data.events402.map(\.orgId)).count)),
        ])
    }

    private static func operations(_ data: MonthData) -> JSONValue {
        func percentiles(_ p: MonthData.Percentiles) -> [(String, JSONValue)] {
            [("count", .integer(p.count)), ("p50", .integer(p.p50)), ("p95", .integer(p.p95))]
        }
        return .object([
            ("responses", .array(data.responseStatuses.map {
                .object([("version", .text($0.version)), ("http_status", .integer($0.httpStatus)),
                         ("error_code", .text($0.errorCode)), ("count", .integer($0.count))])
            })),
            ("attempts", .array(data.attemptStatuses.map {
                .object([("version", .text($0.version)), ("http_status", .integer($0.httpStatus)), ("count", .integer($0.count))])
            })),
            ("rate_limited", .object([
                ("attempts", .integer(data.rateLimited.attempts)),
                ("retry_after_seconds", .object(percentiles(data.rateLimited.retryAfter) + [("max", .integer(data.rateLimited.maxRetryAfter))])),
            ])),
            ("v2_latency_ms", .object([
                ("semantic_translation", .object(percentiles(data.semanticTranslation))),
                ("provider_latency", .object(percentiles(data.providerLatency))),
            ])),
        ])
    }

    private static func provenance(_ report: MonthReport) -> JSONValue {
        .object([
            ("files", .array(report.data.files.map { file in
                .object([
                    ("path", .text(file.path)),
                    ("sha256", .text(file.sha256)),
                    ("lines_read", .integer(file.linesRead)),
                    ("accepted", .integer(file.accepted)),
                    ("duplicates", .integer(file.duplicates)),
                    ("rejected", .integer(file.rejected)),
                ])
            })),
            ("pricing", report.pricing.map { .object([("file", .text($0.rules.fileName)), ("sha256", .text($0.sha256))]) } ?? .null),
        ])
    }

    /// Money as the CSV files write it, or null without a currency.
    struct Money {
        let currency: Currency?
        init(_ currency: Currency?) { self.currency = currency }

        func amount(_ value: Decimal?) -> JSONValue {
            guard let value, let currency else { return .null }
            return .text(MoneyFormatter().format(value, currency: currency))
        }

        func unitPrice(_ value: Decimal?) -> JSONValue {
            guard let value, let currency else { return .null }
            return .text(MoneyFormatter().formatUnitPrice(value, currency: currency))
        }
    }

    /// `report` (a report.json) with its reconciliation member replaced by
    /// `member`; nil when the text does not end with that member as this
    /// writer puts it (a file from elsewhere is left as it is).
    static func withReconciliation(_ member: JSONValue, in report: String) -> String? {
        guard let start = report.range(of: reconciliationMemberStart, options: .backwards) else { return nil }
        var out = ""
        // Written at the member's indentation: render inside an object and cut the braces.
        let wrapped = JSONValue.object([("reconciliation", member)]).rendered()
        let body = wrapped.dropFirst("{\n  \"reconciliation\": ".count).dropLast("\n}\n".count)
        out += report[..<start.lowerBound]
        out += reconciliationMemberStart + body + "\n}\n"
        return out
    }
}
