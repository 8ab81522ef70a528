import Foundation

/// What one org's statement shows: its lines and total under its plan, its
/// 402 events, its generations per day, and where the figures came from.
/// Built from a priced ``MonthReport``; renderers make the Markdown and HTML.
public struct OrgStatement: Sendable {
    public var statement: Statement
    public var currency: Currency
    /// The month's first instant and the next month's, in UTC (of the org's
    /// local month when it has a zone).
    public var bounds: (start: String, end: String)
    /// The org's month in its own time zone; nil for an org billed by UTC month.
    public var localMonth: LocalMonth?
    /// The org's 402 events of the month, when it had any.
    public var events402: Insufficient402Summary?
    /// The org's prepaid credit grants this month, when it has any.
    public var credits: CreditMonth?
    /// Billed generations per UTC day (v1 and v2 together), one per day of the month.
    public var daily: [(day: String, generations: Int)]
    /// The ledger files behind the month, with their SHA-256.
    public var files: [MonthData.SourceFile]
    public var pricingFile: String
    public var pricingSHA256: String

    public var orgId: String { statement.orgId }
    public var month: String { statement.month }

    /// One statement per org of the report, in org order; none without pricing.
    public static func all(in report: MonthReport) -> [OrgStatement] {
        guard let pricing = report.pricing, let bounds = MonthText.bounds(report.month) else { return [] }
        let summaries = Dictionary(
            ReportJSON.summaries402(report.data).map { ($0.orgId, $0) }, uniquingKeysWith: { first, _ in first })
        return pricing.statements.map { statement in
            let counts = report.data.dailyGenerationsByOrg[statement.orgId]
            let daily = report.data.dailyGenerations.enumerated().map { index, day in
                (day: day.day, generations: counts.map { index < $0.count ? $0[index] : 0 } ?? 0)
            }
            let local = report.data.localMonths[statement.orgId]
            var orgStatement = OrgStatement(statement: statement, currency: pricing.rules.currency,
                                            bounds: local.map { ($0.start, $0.end) } ?? bounds, localMonth: local,
                                            events402: summaries[statement.orgId], daily: daily, files: report.data.files,
                                            pricingFile: pricing.rules.fileName, pricingSHA256: pricing.sha256)
            orgStatement.credits = pricing.credits[statement.orgId]
            return orgStatement
        }
    }

    /// The zone the statement's days are in: the org's, else UTC.
    var zoneName: String { localMonth?.timeZone ?? "UTC" }

    func money(_ amount: Decimal) -> String { MoneyFormatter().format(amount, currency: currency) }

    func unitPrice(_ price: Decimal?) -> String {
        price.map { MoneyFormatter().formatUnitPrice($0, currency: currency) } ?? ""
    }

    /// The statement's lines without its total line, which is shown on its own.
    var chargeLines: [InvoiceLine] { statement.lines.filter { $0.kind != .total } }

    var totalGenerations: Int { daily.reduce(0) { $0 + $1.generations } }

    /// The short form of a SHA-256 shown in the footer.
    static func short(_ sha256: String) -> String { String(sha256.prefix(12)) }

    /// The files for this statement: `statements/STEM.md` and `statements/STEM.html`.
    public var outputFiles: [(name: String, text: String)] {
        let stem = StatementFileName.folder + "/" + StatementFileName.stem(for: orgId)
        return [(stem + ".md", StatementMarkdown.render(self)), (stem + ".html", StatementHTML.render(self))]
    }
}
