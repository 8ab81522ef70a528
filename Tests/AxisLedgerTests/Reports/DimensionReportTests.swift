import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// Pricing by a dimension from the ledger up: `billed_generations` carries the
/// attributes of each generation's earliest record, the loader counts them in
/// SQL, and usage.csv and invoice_lines.csv name the dimension of each row.
struct DimensionReportTests {
    let folder: TemporaryDirectory
    let ledger: LedgerDatabase

    init() throws {
        folder = try TemporaryDirectory()
        ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
    }

    private func ingest(_ name: String, _ lines: [String]) throws {
        let report = Ingestor(ledger: ledger).ingest(path: try folder.write(name, lines.joined(separator: "\n") + "\n"))
        #expect(report.outcome == .ingested)
    }

    /// A billed v2 success whose request asked for `resolution` (none when nil).
    static func success(_ time: String, generation: String, resolution: String?, org: String = "org_a") -> String {
        let line = SampleLines.success(time, org: org, key: "key-\(generation)-\(time)", request: "req-\(generation)-\(time)", generation: generation)
        guard let resolution else { return line.replacingOccurrences(of: #","resolution":"2K""#, with: "") }
        return line.replacingOccurrences(of: #""resolution":"2K""#, with: #""resolution":"\#(resolution)""#)
    }

    static let pricing = """
        currency: USD
        defaultPlan: p
        plans:
          p:
            v1:
              unitPrice: 0.04
            v2:
              by: resolution
              prices:
                4K:
                  unitPrice: 0.12
              default:
                included: 1
                unitPrice: 0.05
        """

    @Test func billedGenerationsCarryTheAttributesOfTheEarliestRecord() throws {
        // The later record of gen_1 says 4K; the earliest, the one billed, says 1K.
        try ingest("a.jsonl", [
            Self.success("2026-10-03T11:00:00.000Z", generation: "gen_1", resolution: "4K"),
            Self.success("2026-10-03T10:00:00.000Z", generation: "gen_1", resolution: "1K"),
            Self.success("2026-10-03T12:00:00.000Z", generation: "gen_2", resolution: nil),
        ])
        let rows = try ledger.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT generation_id, resolution, category, aspect_ratio FROM billed_generations ORDER BY generation_id")
        }
        #expect(rows.map { $0["resolution"] as String? } == ["1K", nil])
        #expect(rows.map { $0["category"] as String? } == ["category_product_launch", "category_product_launch"])
        #expect(rows.map { $0["aspect_ratio"] as String? } == ["16:9", "16:9"])
    }

    @Test func voidingTheChosenRecordsFileMovesTheAttributesToTheNextRecord() throws {
        try ingest("early.jsonl", [Self.success("2026-10-03T10:00:00.000Z", generation: "gen_1", resolution: "1K")])
        try ingest("late.jsonl", [Self.success("2026-10-03T11:00:00.000Z", generation: "gen_1", resolution: "4K")])
        func resolution() throws -> String? {
            try ledger.queue.read { db in try String.fetchOne(db, sql: "SELECT resolution FROM billed_generations WHERE generation_id = 'gen_1'") }
        }
        #expect(try resolution() == "1K")
        let early = try ledger.queue.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM ingested_files WHERE path LIKE '%early.jsonl'") }
        _ = try FileVoider(ledger: ledger).void(fileId: try #require(early), reason: "sent twice", actor: "tester")
        #expect(try resolution() == "4K")
        let rules = try BillingFixtures.rules(Self.pricing)
        let report = try MonthReportBuilder(ledger: ledger).build(month: "2026-10", rules: rules)
        #expect(report.pricing?.statements.first?.usageLines.map(\.dimension) == ["4K"])
    }

    @Test func theReportPricesEachResolutionAndNamesItsDimension() throws {
        try ingest("a.jsonl", [
            Self.success("2026-10-03T10:00:00.000Z", generation: "gen_1", resolution: "4K"),
            Self.success("2026-10-03T10:01:00.000Z", generation: "gen_2", resolution: "4K"),
            Self.success("2026-10-03T10:02:00.000Z", generation: "gen_3", resolution: "2K"),
            Self.success("2026-10-03T10:03:00.000Z", generation: "gen_4", resolution: nil),
            Self.success("2026-10-03T10:04:00.000Z", generation: "gen_5", resolution: "1K"),
            SampleLines.success("2026-10-04T10:00:00.000Z", org: "org_a", endpoint: "/v1/generate-image", key: "k-v1", request: "r-v1", generation: "gen_v1"),
        ])
        let rules = try BillingFixtures.rules(Self.pricing)
        let report = try MonthReportBuilder(ledger: ledger).build(month: "2026-10", rules: rules)
        #expect(report.data.usageByAttributes?["org_a"]?.total(.v2) == 5)
        let usage = ReportCSV.usage(report).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(usage == """
            month,org_id,plan,version,generations,included,billable,amount,currency,dimension
            2026-10,org_a,p,v1,1,0,1,0.04,USD,
            2026-10,org_a,p,v2,2,0,2,0.24,USD,4K
            2026-10,org_a,p,v2,3,1,2,0.10,USD,default

            """)
        let lines = ReportCSV.invoiceLines(report).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(lines == """
            month,org_id,plan,line,version,description,quantity,unit_price,amount,currency,dimension
            2026-10,org_a,p,usage,v1,v1 1 unit at 0.04,1,0.04,0.04,USD,
            2026-10,org_a,p,usage,v2,v2 resolution 4K 2 units at 0.12,2,0.12,0.24,USD,4K
            2026-10,org_a,p,usage,v2,"v2 resolution default 3 units, 1 included, 2 at 0.05",2,0.05,0.10,USD,default
            2026-10,org_a,p,total,,total,6,,0.38,USD,

            """)
        // report.json names the dimension of those rows and lines only.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ReportJSON.render(report).utf8)) as? [String: Any])
        let usageRows = try #require(json["usage"] as? [[String: Any]])
        #expect(usageRows.map { $0["dimension"] as? String } == [nil, "4K", "default"])
        #expect(usageRows.first?.keys.contains("dimension") == false)
        let statementLines = try #require((json["statements"] as? [[String: Any]])?.first?["lines"] as? [[String: Any]])
        #expect(statementLines.map { $0["dimension"] as? String } == [nil, "4K", "default", nil])

        // Without a dimension in the pricing, the attributes are not read and the rows are as before.
        let plain = try MonthReportBuilder(ledger: ledger).build(month: "2026-10", rules: try BillingFixtures.rules(
            "currency: USD\ndefaultPlan: p\nplans:\n  p:\n    v1:\n      unitPrice: 0.04\n    v2:\n      unitPrice: 0.10\n"))
        #expect(plain.data.usageByAttributes == nil)
        #expect(ReportCSV.usage(plain).contains("2026-10,org_a,p,v2,5,0,5,0.50,USD,\r\n"))
    }

    @Test func aClosedMonthIssuesEachLinesDimension() throws {
        try ingest("a.jsonl", [
            Self.success("2026-10-03T10:00:00.000Z", generation: "gen_1", resolution: "4K"),
            Self.success("2026-10-03T10:01:00.000Z", generation: "gen_2", resolution: "1K"),
        ])
        _ = try MonthCloser(ledger: ledger).close(month: "2026-10", rules: try BillingFixtures.rules(Self.pricing), pricingText: Self.pricing,
                                                  note: nil, closedBy: "tester", now: Date(timeIntervalSince1970: 1_793_491_200),
                                                  outputFolder: folder.path("reports"))
        let issued = try ledger.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT line, dimension FROM issued_statement_lines WHERE month = '2026-10' ORDER BY position")
        }
        #expect(issued.map { $0["line"] as String } == ["usage", "usage", "total"])
        #expect(issued.map { $0["dimension"] as String? } == ["4K", "default", nil])
        let statements = try ledger.queue.read { db in try ClosedMonthStore.issuedStatements(db, month: "2026-10") }
        #expect(statements.first?.lines.map(\.dimension) == ["4K", "default", nil])
    }

    @Test func theCountByAttributeIsWhatSQLOverTheViewGives() throws {
        try ingest("a.jsonl", (0..<30).map { n in
            Self.success("2026-10-0\(n % 9 + 1)T10:00:00.000Z", generation: "gen_\(n)", resolution: ["4K", "2K", nil][n % 3],
                         org: n % 2 == 0 ? "org_a" : "org_b")
        })
        let counts = try ledger.queue.read { db in try MonthDataLoader(ledger: ledger).attributeCounts(db, month: "2026-10") }
        let plain = try ledger.queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT org_id, coalesce(resolution, '-') AS resolution, count(*) AS n FROM billed_generations
                WHERE month = '2026-10' GROUP BY org_id, resolution ORDER BY org_id, resolution
                """)
        }
        for row in plain {
            let resolution: String = row["resolution"]
            let attributes = GenerationAttributes(resolution: resolution == "-" ? nil : resolution, category: "category_product_launch", aspectRatio: "16:9")
            #expect(counts[row["org_id"] as String]?.counts[.v2]?[attributes] == row["n"] as Int)
        }
        #expect(counts.values.map { $0.total(.v2) }.reduce(0, +) == 30)
    }
}
