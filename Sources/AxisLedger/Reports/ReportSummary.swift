import Foundation

/// The lines `report` and `demo` print about a month once its files are written.
public enum ReportSummary {
    public static func line(for report: MonthReport) -> String {
        let generations = report.data.usage.reduce(0) { $0 + $1.generations }
        // "19 402 events" reads as 19,402: the status is put after its count, in words.
        let events = report.data.events402.count
        var text = "\(report.month): \(counted(generations, "billed generation")), \(counted(events, "event")) with status 402"
        if let pricing = report.pricing, let due = report.amountDue {
            text += ", \(MoneyFormatter().format(due, currency: pricing.rules.currency)) \(pricing.rules.currency.code) due over \(counted(pricing.statements.count, "statement"))"
        } else {
            text += "; no pricing file, so no amounts"
        }
        return text
    }

    /// `1 statement`, `2 statements`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}

extension PricingRules {
    /// Loads rules for a report: the file name alone is shown in the report
    /// (so reports do not depend on where the file sits), its SHA-256 beside it.
    public static func loadForReport(path: String) throws -> PricingRules {
        var rules = try load(path: path)
        rules.fileName = URL(fileURLWithPath: path).lastPathComponent
        if rules.sourceSHA256 == nil, let data = FileManager.default.contents(atPath: path) {
            rules.sourceSHA256 = SHA256.hex(SHA256.hash(data))
        }
        return rules
    }
}
