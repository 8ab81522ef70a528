import Foundation
import Testing

/// `report --cost`, `reconcile --cost` and `pricing zones`, run as a person would.
struct MarginAndZonesCommandTests: LedgerFolderTest {
    let folder: URL

    init() throws {
        folder = try Self.makeFolder("axis-margin")
        let lines = [("g1", "org_berlin", "2026-09-30T22:30:00.000Z"), ("g2", "org_berlin", "2026-10-31T23:30:00.000Z"),
                     ("g3", "org_utc", "2026-10-10T10:00:00.000Z"), ("g4", "org_utc", "2026-10-11T10:00:00.000Z")].map { id, org, time in
            #"{"timestamp":"\#(time)","orgId":"\#(org)","endpoint":"/v1/generate-image","httpStatus":200,"requestId":"r-\#(id)","response":{"success":true,"generationId":"\#(id)"}}"#
        }
        _ = try write("responses.jsonl", lines.joined(separator: "\n") + "\n")
        _ = try write("pricing.yaml", """
            currency: USD
            defaultPlan: standard
            plans:
              standard:
                v1:
                  unitPrice: 0.05
            orgs:
              org_berlin: {plan: standard, timezone: Europe/Berlin}

            """)
        _ = try write("provider.yaml", "currency: USD\ndefaultPlan: provider\nplans:\n  provider:\n    v1:\n      unitPrice: 0.06\n")
        let ingest = try CommandRunner.run(["ingest", "--db", db, "responses.jsonl"], in: folder)
        #expect(ingest.status == 0, "\(ingest.stderr)")
    }

    func text(_ path: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func reportWithCostWritesMarginCSVAndAMarginSection() throws {
        let result = try CommandRunner.run(["report", "--db", db, "--month", "2026-10", "--pricing", "pricing.yaml", "--cost", "provider.yaml",
                                            "--out", "reports"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("reports/2026-10/margin.csv"))
        // org_berlin: g1 only (1 October 00:30 in Berlin; g2 is its November); org_utc: g3 and g4.
        #expect(try text("reports/2026-10/margin.csv") == """
            month,org_id,version,dimension,generations,revenue,cost,margin,margin_percent,currency\r
            2026-10,org_berlin,v1,,1,0.05,0.06,-0.01,-20.0,USD\r
            2026-10,org_utc,v1,,2,0.10,0.12,-0.02,-20.0,USD\r

            """)
        let report = try text("reports/2026-10/report.md")
        #expect(report.contains("## Margin\n"))
        #expect(report.contains("month 2026-10 in Europe/Berlin: 2026-09-30T22:00:00Z to 2026-10-31T23:00:00Z"))
        let section = try #require(report.components(separatedBy: "## Margin\n").last)
        let order = ["| org_utc ", "| org_berlin ", "| Total "].map { section.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order[0]! < order[1]! && order[1]! < order[2]!)
        // Without --cost the same report has neither.
        let plain = try CommandRunner.run(["report", "--db", db, "--month", "2026-10", "--pricing", "pricing.yaml", "--out", "reports"], in: folder)
        #expect(plain.status == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("reports/2026-10/margin.csv").path))
        #expect(try !text("reports/2026-10/report.md").contains("## Margin"))
    }

    @Test func costWithoutPricingIsRefusedWithWhatToDo() throws {
        // No --pricing and no ./pricing.yaml to default to.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("pricing.yaml"))
        let result = try CommandRunner.run(["report", "--db", db, "--month", "2026-10", "--cost", "provider.yaml", "--out", "reports"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("give --pricing FILE too"))
    }

    @Test func reconcileTakesTheProvidersPricesAsCostOrPricing() throws {
        // The provider invoices its own (UTC) months at its own prices: org_berlin's g2 (31 October 23:30 UTC) is October's.
        _ = try write("invoice.csv", "org_id,version,quantity,amount\norg_berlin,v1,1,0.06\norg_utc,v1,2,0.12\n")
        for option in ["--cost", "--pricing"] {
            let result = try CommandRunner.run(["reconcile", "--db", db, "--month", "2026-10", "--invoice", "invoice.csv", option, "provider.yaml",
                                                "--out", "reports"], in: folder)
            #expect(result.status == 0, "\(option): \(result.stdout) \(result.stderr)")
        }
        let help = try CommandRunner.run(["reconcile", "--help"], in: folder)
        #expect(help.stdout.contains("--cost"))
        #expect(help.stdout.contains("--pricing is the same option"))
    }

    @Test func pricingZonesFillsTheTablesTheLocalViewCountsBy() throws {
        let before = try CommandRunner.run(["sql", "--db", db, "--format", "csv",
                                            "SELECT month, org_id, generations FROM monthly_usage_local ORDER BY month, org_id"], in: folder)
        #expect(before.stdout.contains("2026-09,org_berlin,1"))
        let zones = try CommandRunner.run(["pricing", "zones", "--db", db, "pricing.yaml"], in: folder)
        #expect(zones.status == 0, "\(zones.stderr)")
        #expect(zones.stdout.contains("recorded 1 org with a time zone (org_berlin Europe/Berlin) and 1200 month bounds of 1 zone"))
        let after = try CommandRunner.run(["sql", "--db", db, "--format", "csv",
                                           "SELECT month, org_id, generations FROM monthly_usage_local ORDER BY month, org_id"], in: folder)
        #expect(after.stdout.contains("2026-10,org_berlin,1"), "\(after.stdout)")
        #expect(after.stdout.contains("2026-10,org_utc,2"))
        #expect(after.stdout.contains("2026-11,org_berlin,1"))
        #expect(!after.stdout.contains("2026-09"))
    }
}
