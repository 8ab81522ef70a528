import Foundation
import GRDB
@testable import AxisLedger

/// A small ledger for the closing tests: generations written as response
/// records, one file per call, and pricing from YAML text.
final class ClosingFixture {
    let directory: TemporaryDirectory
    let ledger: LedgerDatabase
    var out: String { directory.path("reports") }
    private var files = 0

    /// v1 at 0.04, v2 at 0.12 on plan `standard` for every org; org_min is on
    /// `floor` with a monthly minimum of 10.00.
    static let pricing = """
        currency: USD
        defaultPlan: standard
        plans:
          standard:
            v1:
              unitPrice: 0.04
            v2:
              unitPrice: 0.12
          floor:
            monthlyMinimum: 10.00
            v1:
              unitPrice: 0.04
            v2:
              unitPrice: 0.12
        orgs:
          org_min: floor
        """

    /// The same plans with v1 at 0.05.
    static let dearerPricing = pricing.replacingOccurrences(of: "unitPrice: 0.04", with: "unitPrice: 0.05")

    init() throws {
        directory = try TemporaryDirectory()
        ledger = try LedgerDatabase(path: directory.path("ledger.sqlite"))
    }

    /// A generation: `time` is `YYYY-MM-DDTHH:MM:SS`.
    struct Generation {
        var id: String
        var org: String
        var version: APIVersion
        var time: String
        /// The request's resolution, for pricing by a dimension; none when nil.
        var resolution: String? = nil
    }

    static func line(_ g: Generation) -> String {
        let endpoint = g.version == .v1 ? "/v1/generate-image" : "/v2/cinematic-image"
        return #"{"timestamp":"\#(g.time).000Z","orgId":"\#(g.org)","endpoint":"\#(endpoint)","httpStatus":200,"requestId":"req_\#(g.id)_\#(g.time)",\#(g.resolution.map { #""request":{"resolution":"\#($0)"},"# } ?? "")"response":{"success":true,"generationId":"\#(g.id)"}}"#
    }

    /// Ingests `generations` as one new file; returns its path as recorded.
    @discardableResult
    func ingest(_ generations: [Generation], name: String? = nil) throws -> String {
        files += 1
        let fileName = name ?? "file\(files).jsonl"
        let path = try directory.write(fileName, generations.map(Self.line).joined(separator: "\n") + "\n")
        let report = Ingestor(ledger: ledger).ingest(path: path)
        if case .refused(let error) = report.outcome { throw error }
        return fileName
    }

    func rules(_ yaml: String = ClosingFixture.pricing, name: String = "pricing.yaml") throws -> PricingRules {
        var rules = try PricingRules.parse(yaml: yaml, fileName: name)
        rules.sourceSHA256 = SHA256.hex(SHA256.hash(Array(yaml.utf8)))
        return rules
    }

    /// Closes `month` at a time long after it ended.
    @discardableResult
    func close(_ month: String, pricing yaml: String = ClosingFixture.pricing, note: String? = nil) throws -> MonthCloser.Result {
        try MonthCloser(ledger: ledger).close(month: month, rules: try rules(yaml), pricingText: yaml, note: note,
                                              closedBy: "tester", now: Date(timeIntervalSince1970: 1_900_000_000), outputFolder: out)
    }

    /// The open month's report with its adjustments.
    func openReport(_ month: String, pricing yaml: String = ClosingFixture.pricing) throws -> MonthReport {
        try MonthReportBuilder(ledger: ledger).build(month: month, rules: try rules(yaml))
    }

    func file(_ month: String, _ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(month)/\(name)"))
    }

    func fileExists(_ month: String, _ name: String) -> Bool {
        FileManager.default.fileExists(atPath: "\(out)/\(month)/\(name)")
    }

    func closedReport(_ month: String) throws -> ClosedMonthReport {
        guard let report = try ClosedMonthReport.load(ledger: ledger, month: month) else { throw FixtureError(message: "\(month) is open") }
        return report
    }

    func count(_ sql: String) throws -> Int {
        try ledger.queue.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    static func decimal(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

    struct FixtureError: Error { var message: String }
}

extension AxisLedger.Statement {
    func linesOf(_ kind: InvoiceLine.Kind) -> [InvoiceLine] { lines.filter { $0.kind == kind } }
}
