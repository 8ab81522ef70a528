import Foundation

/// The lines `report` and `demo` print about a month once its files are written.
public enum ReportSummary {
    /// The files written, one a line, the statements as one line for their folder
    /// (`reports/2026-10/statements/  12 statements, ORG.md and ORG.html`).
    public static func fileLines(_ paths: [String]) -> [String] {
        let marker = "/" + StatementFileName.folder + "/"
        var lines: [String] = []
        // Each month's statements folder once, with its own count, in the order the folders came.
        var statementFolders: [String] = []
        var statementFiles: [String: Int] = [:]
        for path in paths {
            if let range = path.range(of: marker, options: .backwards) {
                let folder = String(path[..<range.upperBound])
                if statementFiles[folder] == nil { statementFolders.append(folder) }
                statementFiles[folder, default: 0] += 1
            } else {
                lines.append(path)
            }
        }
        for folder in statementFolders {
            let count = (statementFiles[folder] ?? 0) / 2
            lines.append("\(folder)  \(count) statement\(count == 1 ? "" : "s"), ORG.md and ORG.html")
        }
        return lines
    }

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
