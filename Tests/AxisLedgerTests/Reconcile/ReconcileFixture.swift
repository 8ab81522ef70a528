import Foundation
@testable import AxisLedger

/// A small hand-made ledger for reconciliation tests: response records and
/// request-log rows written to temp files and ingested with ``Ingestor``.
final class ReconcileFixture {
    let folder: TemporaryDirectory
    let ledger: LedgerDatabase
    private var files = 0

    /// Flat prices, so every expected amount is a multiplication a reader can check;
    /// org_growth is on a plan with a 250.00 monthly minimum.
    static let pricingYAML = """
        currency: USD
        defaultPlan: standard
        plans:
          standard:
            v1:
              unitPrice: 0.04
            v2:
              unitPrice: 0.10
          growth:
            monthlyMinimum: 250.00
            v1:
              unitPrice: 0.035
            v2:
              unitPrice: 0.11
        orgs:
          org_growth: growth

        """

    init() throws {
        folder = try TemporaryDirectory()
        ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
    }

    var rules: PricingRules { try! PricingRules.parse(yaml: Self.pricingYAML, fileName: "pricing.yaml") }

    /// A successful response record (a billed generation when it is the id's first).
    static func success(_ generation: String, org: String = "org_a", version: APIVersion = .v2,
                        at time: String = "2026-10-03T10:15:22.120Z", key: String? = nil) -> String {
        let endpoint = version == .v1 ? "/v1/generate-image" : "/v2/cinematic-image"
        return #"{"timestamp":"\#(time)","orgId":"\#(org)","endpoint":"\#(endpoint)","httpStatus":200,"idempotencyKey":"\#(key ?? "key-" + generation)","requestId":"req-\#(generation)","durationMs":3990,"response":{"success":true,"generationId":"\#(generation)","imageUrl":"https://cdn.studioaxis.io/outputs/\#(generation).png"}}"#
    }

    /// A failed response record that still names a generation id.
    static func failure(_ generation: String, status: Int, code: String, org: String = "org_a", at time: String = "2026-10-03T11:00:00.000Z") -> String {
        #"{"timestamp":"\#(time)","orgId":"\#(org)","endpoint":"/v2/cinematic-image","httpStatus":\#(status),"idempotencyKey":"key-f-\#(generation)","requestId":"req-f-\#(generation)","response":{"success":false,"code":"\#(code)","message":"x","requestId":"req-f-\#(generation)","generationId":"\#(generation)"}}"#
    }

    static let requestLogHeader = "timestamp,orgId,endpoint,httpStatus,method,idempotencyKey,requestId,durationMs,retryAfter,rateLimitRemaining"

    /// A request-log row.
    static func attempt(key: String, status: Int = 200, org: String = "org_a", at time: String = "2026-10-03T10:15:20.000Z") -> String {
        "\(time),\(org),/v2/cinematic-image,\(status),POST,\(key),req-a-\(key),120,,59"
    }

    /// Writes `lines` to a new file and ingests it.
    func ingest(_ lines: [String], ext: String = "jsonl") throws {
        files += 1
        let path = try folder.write("input\(files).\(ext)", lines.joined(separator: "\n") + "\n")
        let report = Ingestor(ledger: ledger).ingest(path: path)
        if case .refused(let error) = report.outcome { throw error }
    }

    func ingestRequestLog(_ rows: [String]) throws {
        try ingest([Self.requestLogHeader] + rows, ext: "csv")
    }

    /// Writes a provider file and returns its path.
    func write(_ name: String, _ lines: [String]) throws -> String {
        try folder.write(name, lines.joined(separator: "\n") + "\n")
    }

    func reconcile(invoice: [String]? = nil, usage: [String]? = nil, tolerance: String = "0.01", readOnly: Bool = false) throws -> Reconciliation {
        let database = readOnly ? try LedgerDatabase(path: folder.path("ledger.sqlite"), readOnly: true) : ledger
        return try Reconciler(ledger: database).reconcile(
            month: "2026-10",
            invoicePath: try invoice.map { try write("invoice.csv", $0) },
            usageExportPath: try usage.map { try write("usage.csv", $0) },
            rules: rules, tolerance: Decimal(string: tolerance)!)
    }
}

extension Reconciliation {
    /// The discrepancies as (kind, org, version, reference), for compact expectations.
    var found: [String] {
        discrepancies.map { [$0.kind.rawValue, $0.orgId, $0.version, $0.reference].filter { !$0.isEmpty }.joined(separator: " ") }
    }
}
