import Foundation
import Testing

/// Issue 16, item 7: `axis-ledger credits --month M`, run as finance would:
/// the balance per org and grant in each format, and its mistakes.
struct CreditsCommandTests: LedgerFolderTest {
    let folder: URL

    init() throws { folder = try Self.makeFolder("axis-e2e-credits") }

    static let pricing = """
        currency: USD
        defaultPlan: standard
        plans:
          standard:
            v1:
              unitPrice: 0.04
          floor:
            monthlyMinimum: 250.00
            v1:
              unitPrice: 0.04
        orgs:
          org_acme:
            plan: floor
            credits:
              - {granted: 2026-11, amount: 100.00}
              - {granted: 2026-10, amount: 600.00, expires: 2026-11}
        """

    private func line(_ id: String, _ time: String) -> String {
        #"{"timestamp":"\#(time)","orgId":"org_acme","endpoint":"/v1/generate-image","httpStatus":200,"requestId":"r-\#(id)","response":{"success":true,"generationId":"\#(id)"}}"#
    }

    private func run(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments, in: folder)
    }

    /// docs/pricing.md's worked example: 250.00 in October, 320.00 in November (1750 v1 at 0.04 = 70.00 above the minimum), 250.00 in December.
    private func ledger() throws {
        _ = try write("pricing.yaml", Self.pricing)
        let november = (1...8000).map { line("n\($0)", "2026-11-0\(1 + $0 % 9)T10:00:00Z") }
        _ = try write("usage.jsonl", ([line("o1", "2026-10-03T10:00:00Z")] + november).joined(separator: "\n") + "\n")
        let ingest = try run(["ingest", "--db", "ledger.sqlite", "usage.jsonl"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
    }

    @Test func theWorkedExampleAsCSVJSONAndTable() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try ledger()
        let csv = try run(["credits", "--db", "ledger.sqlite", "--month", "2026-12", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.replacingOccurrences(of: "\r\n", with: "\n") == """
            org_id,month,granted,amount,used,remaining,expires,lapsed
            org_acme,2026-12,2026-10,600.00,0.00,0.00,2026-11,30.00
            org_acme,2026-12,2026-11,100.00,100.00,0.00,,0.00

            """)
        let november = try run(["credits", "--db", "ledger.sqlite", "--month", "2026-11", "--pricing", "pricing.yaml", "--format", "json"])
        #expect(november.status == 0, "\(november.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(november.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows.first?["granted"] as? String == "2026-10")
        #expect(rows.first?["used"] as? String == "320.00")
        #expect(rows.first?["remaining"] as? String == "30.00")
        #expect(rows.first?["expires"] as? String == "2026-11")
        #expect(rows.last?["expires"] is NSNull)
        #expect(rows.last?["remaining"] as? String == "100.00")
        #expect(november.stdout.hasPrefix(#"[\#n  {"org_id": "org_acme", "month": "2026-11", "granted": "2026-10", "amount": "600.00", "used": "320.00""#))
        let table = try run(["credits", "--db", "ledger.sqlite", "--month", "2026-10", "--format", "table"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("org_id"))
        #expect(table.stdout.contains("350.00"))
        // The report's statements and invoice lines carry the same credits.
        let report = try run(["report", "--db", "ledger.sqlite", "--month", "2026-12", "--out", "reports"])
        #expect(report.status == 0, "\(report.stderr)")
        let lines = String(decoding: try Data(contentsOf: folder.appendingPathComponent("reports/2026-12/invoice_lines.csv")), as: UTF8.self)
        #expect(lines.contains("2026-12,org_acme,floor,credit,,\"prepaid credit (granted 2026-11, never expires, 100.00 granted)\",0,,-100.00,USD"), "\(lines)")
        #expect(lines.contains("2026-12,org_acme,floor,total,,total,0,,150.00,USD"))
    }

    @Test func aClosedMonthKeepsWhatItIssuedAndPricingCheckExplainsTheGrants() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try ledger()
        let before = try run(["credits", "--db", "ledger.sqlite", "--month", "2026-11", "--format", "csv"])
        let close = try run(["close", "--db", "ledger.sqlite", "--month", "2026-10", "--pricing", "pricing.yaml", "--out", "reports"])
        #expect(close.status == 0, "\(close.stderr)")
        let issued = String(decoding: try Data(contentsOf: folder.appendingPathComponent("reports/2026-10/invoice_lines.csv")), as: UTF8.self)
        #expect(issued.contains("2026-10,org_acme,floor,credit,,\"prepaid credit (granted 2026-10, expires 2026-11, 600.00 granted)\",0,,-250.00,USD"), "\(issued)")
        let after = try run(["credits", "--db", "ledger.sqlite", "--month", "2026-11", "--format", "csv"])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout == before.stdout)
        let october = try run(["credits", "--db", "ledger.sqlite", "--month", "2026-10", "--format", "csv"])
        #expect(october.stdout.replacingOccurrences(of: "\r\n", with: "\n").contains("org_acme,2026-10,2026-10,600.00,250.00,350.00,2026-11,0.00\n"))
        let check = try run(["pricing", "check", "pricing.yaml"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("600.00 USD granted 2026-10, pays for 2026-10 to 2026-11; what is left then lapses in 2026-12"))
        #expect(check.stdout.contains("100.00 USD granted 2026-11, pays from 2026-11 on, never expires"))
    }

    @Test func mistakesAreRefusedWithWhatToDo() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try ledger()
        let badFormat = try run(["credits", "--db", "ledger.sqlite", "--month", "2026-11", "--format", "markdown"])
        #expect(badFormat.status == 64)
        #expect(badFormat.stderr.contains("Unknown --format 'markdown'; use one of: table, csv, json."))
        let badMonth = try run(["credits", "--db", "ledger.sqlite", "--month", "2026-13"])
        #expect(badMonth.status == 64)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("pricing.yaml"))
        let noPricing = try run(["credits", "--db", "ledger.sqlite", "--month", "2026-11"])
        #expect(noPricing.status == 1)
        #expect(noPricing.stderr.contains("credits: no pricing file; the grants are in it: pass --pricing FILE"))
        _ = try write("plain.yaml", "currency: USD\ndefaultPlan: standard\nplans:\n  standard:\n    v1:\n      unitPrice: 0.04\n")
        let none = try run(["credits", "--db", "ledger.sqlite", "--month", "2026-11", "--pricing", "plain.yaml", "--format", "csv"])
        #expect(none.status == 0)
        #expect(none.stdout.replacingOccurrences(of: "\r\n", with: "\n") == "org_id,month,granted,amount,used,remaining,expires,lapsed\n")
        #expect(none.stderr.contains("grants no prepaid credits"))
    }

    @Test func helpTeachesWithExamples() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let help = try run(["credits", "--help"])
        #expect(help.status == 0)
        for text in ["org_id, month, granted", "then earliest granted", "axis-ledger credits --month 2026-11 --format csv", "--format <format>", "jq '.[0].remaining'"] {
            #expect(help.stdout.contains(text), "\(text)")
        }
    }
}
