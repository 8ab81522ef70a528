import Foundation

/// report.md: the month for a person to read and sign, from the at-a-glance
/// figures down to where every number came from.
public enum ReportMarkdown {
    /// Anomalies listed per kind before the rest is only counted.
    static let anomaliesListed = 20

    public static func render(_ report: MonthReport) -> String {
        var out = "# StudioAxis usage report, \(report.month)\n\n"
        out += "All times are UTC. Billing rules: docs/billing.md; pricing rules: docs/pricing.md.\n\n"
        out += glance(report)
        out += dailyChart(report.data)
        out += statements(report)
        out += report.margin.map(MarginMarkdown.section) ?? ""
        out += events402(report.data)
        out += creditsAt402(report)
        out += anomalies(report.data)
        out += operations(report.data)
        out += dataQuality(report.data)
        out += provenance(report)
        return out
    }

    private static func money(_ amount: Decimal, _ report: MonthReport) -> String {
        guard let currency = report.pricing?.rules.currency else { return "" }
        return MoneyFormatter().format(amount, currency: currency)
    }

    private static func glance(_ report: MonthReport) -> String {
        let data = report.data
        let v1 = data.usage.filter { $0.version == .v1 }.reduce(0) { $0 + $1.generations }
        let v2 = data.usage.filter { $0.version == .v2 }.reduce(0) { $0 + $1.generations }
        var out = "## At a glance\n\n"
        out += MarkdownTable.render(
            header: ["", "v1", "v2", "Total"],
            rows: [["Billed generations", String(v1), String(v2), String(v1 + v2)]],
            alignments: [.left, .right, .right, .right])
        out += "\n"
        if let pricing = report.pricing, let due = report.amountDue {
            out += "- Amount due: **\(money(due, report)) \(pricing.rules.currency.code)** over \(pricing.statements.count) statement\(pricing.statements.count == 1 ? "" : "s")\n"
        } else {
            out += "- Amount due: not computed. Amounts need a pricing file: run `axis-ledger report --pricing FILE` (see docs/pricing.md).\n"
        }
        let billedOrgs = Set(data.usage.map(\.orgId)).count
        out += "- Orgs: \(data.activeOrgs.count) with records in the month, \(billedOrgs) with billed generations\n"
        let orgs402 = Set(data.events402.map(\.orgId)).count
        out += "- 402 insufficient_balance events: \(data.events402.count)\(orgs402 > 0 ? " in \(orgs402) org\(orgs402 == 1 ? "" : "s")" : "")\n\n"
        return out
    }

    private static func dailyChart(_ data: MonthData) -> String {
        guard !data.dailyGenerations.isEmpty else { return "" }
        let days = data.dailyGenerations.map { String($0.day.suffix(2)) }
        let totals = data.dailyGenerations.map { String($0.v1 + $0.v2) }
        return """
            ### Billed generations per day

            ```mermaid
            xychart-beta
                title "Billed generations per day, \(data.month) (UTC)"
                x-axis [\(days.map { "\"\($0)\"" }.joined(separator: ", "))]
                y-axis "Generations"
                bar [\(totals.joined(separator: ", "))]
            ```


            """
    }

    private static func statements(_ report: MonthReport) -> String {
        var out = "## Statements\n\n"
        guard let pricing = report.pricing else {
            out += "No pricing file was given, so there are no statements. Billed generations by org and version:\n\n"
            out += MarkdownTable.render(
                header: ["Org", "Version", "Generations"],
                rows: report.data.usage.map { [$0.orgId, $0.version.rawValue, String($0.generations)] },
                alignments: [.left, .left, .right])
            return out + "\n"
        }
        if pricing.statements.isEmpty { out += "No org has a statement this month.\n\n" }
        let money = MoneyFormatter()
        let currency = pricing.rules.currency
        for statement in pricing.statements {
            out += "### \(MarkdownTable.escape(statement.orgId)) (plan \(MarkdownTable.escape(statement.planName)))\n\n"
            if let local = report.data.localMonths[statement.orgId] {
                // Billed by its local month (docs/pricing.md, "Time zones").
                out += "\(MarkdownTable.escape(local.sentence)) (the org's local month: every line below is counted in it).\n\n"
            }
            out += MarkdownTable.render(
                header: ["Line", "Version", "Description", "Quantity", "Unit price", "Amount (\(currency.code))"],
                rows: statement.lines.map { line in
                    [line.kind.rawValue, line.version?.rawValue ?? "", line.description, String(line.quantity),
                     line.unitPrice.map { money.formatUnitPrice($0, currency: currency) } ?? "",
                     money.format(line.amount, currency: currency)]
                },
                alignments: [.left, .left, .left, .right, .right, .right])
            out += "\n"
            if statement.total < 0 {
                // Adjustments of earlier closed months credit more than this month charges.
                out += "Credit due to \(MarkdownTable.escape(statement.orgId)): \(money.format(-statement.total, currency: currency)) \(currency.code) (the total is negative).\n\n"
            }
        }
        return out
    }

    private static func events402(_ data: MonthData) -> String {
        var out = "## 402 insufficient_balance events\n\n"
        let summaries = Insufficient402Summary.summarize(events: data.events402, billedTimesByOrg: data.billedTimesByOrg)
        guard !summaries.isEmpty else { return out + "None this month.\n\n" }
        out += "A streak is a run of 402s with no billed generation of the org between them. Every event is listed in flags_402.csv.\n\n"
        out += MarkdownTable.render(
            header: ["Org", "Events", "First", "Last", "Longest streak", "Recovered"],
            rows: summaries.map {
                [$0.orgId, String($0.events), $0.first, $0.last, String($0.longestStreak),
                 $0.recoveredAt.map { "yes, billed again at \($0)" } ?? "no, not in this month"]
            },
            alignments: [.left, .right, .left, .left, .right, .left])
        return out + "\n"
    }

    /// For orgs with prepaid credits and 402s: the ledger's credit balance at
    /// each streak's start, beside the API's "prepaid balance insufficient".
    private static func creditsAt402(_ report: MonthReport) -> String {
        guard let pricing = report.pricing, !pricing.creditsAt402.isEmpty else { return "" }
        let currency = pricing.rules.currency
        let money = MoneyFormatter()
        var out = "### Prepaid credit balance at each streak's start\n\n"
        out += "For each org with prepaid credits (docs/pricing.md, \"Prepaid credits\"): what its grants held at the month's start, "
        out += "what the generations billed before the streak's first 402 drew from them (their usage lines), and the balance left then.\n\n"
        out += MarkdownTable.render(
            header: ["Org", "Streak start", "Balance at month start (\(currency.code))", "Drawn before (\(currency.code))", "Balance (\(currency.code))"],
            rows: pricing.creditsAt402.map {
                [$0.orgId, $0.streakStart, money.format($0.opening, currency: currency), money.format($0.drawn, currency: currency),
                 money.format($0.balance, currency: currency)]
            },
            alignments: [.left, .left, .right, .right, .right])
        return out + "\n"
    }

    private static func anomalies(_ data: MonthData) -> String {
        var out = "## Anomalies\n\n"
        guard !data.anomalies.isEmpty else { return out + "None this month.\n\n" }
        let byKind = Dictionary(grouping: data.anomalies, by: \.kind)
        for kind in byKind.keys.sorted() {
            let items = byKind[kind]!
            out += "### \(kind) (\(items.count))\n\n"
            out += MarkdownTable.render(
                header: ["Org", "Version", "Generation", "Request", "Time", "Detail"],
                rows: items.prefix(anomaliesListed).map {
                    [$0.orgId, $0.version, $0.generationId ?? "", $0.requestId ?? "", $0.occurredAt ?? "", $0.detail ?? ""]
                },
                alignments: [.left, .left, .left, .left, .left, .left])
            if items.count > anomaliesListed {
                out += "\n… and \(items.count - anomaliesListed) more: `SELECT * FROM billing_anomalies WHERE month = '\(data.month)' AND kind = '\(kind)'`.\n"
            }
            out += "\n"
        }
        return out
    }

    private static func operations(_ data: MonthData) -> String {
        var out = "## Operations\n\n### Responses by status and error code\n\n"
        if data.responseStatuses.isEmpty {
            out += "No response records this month.\n\n"
        } else {
            out += MarkdownTable.render(
                header: ["Version", "Status", "Code", "Responses"],
                rows: data.responseStatuses.map { [$0.version, String($0.httpStatus), $0.errorCode ?? "", String($0.count)] },
                alignments: [.left, .right, .left, .right])
            out += "\n"
        }
        out += "### Request-log attempts by status\n\n"
        if data.attemptStatuses.isEmpty {
            out += "No request logs this month.\n\n"
        } else {
            out += MarkdownTable.render(
                header: ["Version", "Status", "Attempts"],
                rows: data.attemptStatuses.map { [$0.version, String($0.httpStatus), String($0.count)] },
                alignments: [.left, .right, .right])
            out += "\n"
        }
        let limited = data.rateLimited
        out += "### Rate limiting (429)\n\n"
        out += "- 429 attempts in request logs: \(limited.attempts)\n"
        if limited.retryAfter.count > 0 {
            out += "- Retry-After: p50 \(limited.retryAfter.p50!) s, p95 \(limited.retryAfter.p95!) s, max \(limited.maxRetryAfter!) s (over \(limited.retryAfter.count) attempts that sent it)\n"
        }
        out += "\n### v2 latency of successful responses\n\n"
        func cells(_ name: String, _ p: MonthData.Percentiles) -> [String] {
            [name, String(p.count), p.p50.map(String.init) ?? "", p.p95.map(String.init) ?? ""]
        }
        out += MarkdownTable.render(
            header: ["Measure", "Responses", "p50 (ms)", "p95 (ms)"],
            rows: [cells("semanticTranslationMs", data.semanticTranslation), cells("providerLatencyMs", data.providerLatency)],
            alignments: [.left, .right, .right, .right])
        return out + "\nPercentiles are nearest-rank.\n\n"
    }

    private static func dataQuality(_ data: MonthData) -> String {
        var out = "## Data quality\n\n"
        guard !data.rejects.isEmpty else { return out + "No rejected lines in the files behind this month.\n\n" }
        out += "Rejected lines in the files behind this month, by reason (each is kept in the rejected_lines table):\n\n"
        out += MarkdownTable.render(
            header: ["Reason", "Lines"],
            rows: data.rejects.map { [$0.reason, String($0.count)] },
            alignments: [.left, .right])
        return out + "\n"
    }

    private static func provenance(_ report: MonthReport) -> String {
        var out = "## Provenance\n\nIngested files holding this month's records:\n\n"
        out += MarkdownTable.render(
            header: ["File", "SHA-256", "Lines", "Accepted", "Duplicates", "Rejected"],
            rows: report.data.files.map {
                [$0.path, String($0.sha256.prefix(16)), String($0.linesRead), String($0.accepted), String($0.duplicates), String($0.rejected)]
            },
            alignments: [.left, .left, .right, .right, .right, .right])
        out += "\n"
        if let pricing = report.pricing {
            out += "Pricing: `\(MarkdownTable.escape(pricing.rules.fileName))`, SHA-256 `\(pricing.sha256)`.\n"
        } else {
            out += "Pricing: none given.\n"
        }
        return out
    }
}
