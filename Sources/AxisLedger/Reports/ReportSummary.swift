import Foundation

/// The lines `report` and `demo` print about a month once its files are written.
public enum ReportSummary {
    public static func line(for report: MonthReport) -> String {
        let generations = report.data.usage.reduce(0) { $0 + $1.generations }
        var text = "\(report.month): \(generations) billed generations, \(report.data.events402.count) 402 events"
        if let pricing = report.pricing, let due = report.amountDue {
            text += ", \(MoneyFormatter().format(due, currency: pricing.rules.currency)) \(pricing.rules.currency.code) due over \(pricing.statements.count) statements"
        } else {
            text += "; no pricing file, so no amounts"
        }
        return text
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
