import Foundation
import Testing

/// `axis-ledger reconcile` run as a monthly job would: exit 0 when the
/// provider's files match, 1 when they differ, 2 on bad input.
struct ReconcileCommandTests {
    /// A ledger with org_a's 2 v1 and 3 v2 generations, ingested through the command line, and the example-free flat pricing.
    private func ledgerFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("axis-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lines = [("g1", "v1"), ("g2", "v1"), ("g3", "v2"), ("g4", "v2"), ("g5", "v2")].map { id, version in
            let endpoint = version == "v1" ? "/v1/generate-image" : "/v2/cinematic-image"
            return #"{"timestamp":"2026-10-03T10:15:22.120Z","orgId":"org_a","endpoint":"\#(endpoint)","httpStatus":200,"idempotencyKey":"k-\#(id)","requestId":"r-\#(id)","response":{"success":true,"generationId":"\#(id)"}}"#
        }
        try write(folder, "responses.jsonl", lines.joined(separator: "\n") + "\n")
        try write(folder, "pricing.yaml", "currency: USD\ndefaultPlan: standard\nplans:\n  standard:\n    v1:\n      unitPrice: 0.04\n    v2:\n      unitPrice: 0.10\n")
        try write(folder, "usage.csv", "generation_id,org_id,version,timestamp\n" + ["g1,org_a,v1", "g2,org_a,v1", "g3,org_a,v2", "g4,org_a,v2", "g5,org_a,v2"]
            .map { $0 + ",2026-10-03T10:15:22.120Z" }.joined(separator: "\n") + "\n")
        let ingest = try CommandRunner.run(["ingest", "--db", "ledger.sqlite", "responses.jsonl"], in: folder)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return folder
    }

    private func write(_ folder: URL, _ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    private func reconcile(_ folder: URL, _ extra: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(["reconcile", "--db", "ledger.sqlite", "--month", "2026-10"] + extra, in: folder)
    }

    @Test(arguments: [
        ("0.38", Int32(0), "2026-10: matches"),
        ("0.385", Int32(0), "2026-10: matches"),
        ("0.40", Int32(1), "2026-10: differs: 0.02 USD at stake"),
    ])
    func exitStatusSaysWhetherTheInvoiceMatches(invoicedTotal: String, status: Int32, verdict: String) throws {
        let folder = try ledgerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(folder, "invoice.csv", "org_id,version,quantity,amount\norg_a,v1,2,0.08\norg_a,v2,3,\(Decimal(string: invoicedTotal)! - Decimal(string: "0.08")!)\n")
        let result = try reconcile(folder, ["--invoice", "invoice.csv", "--usage-export", "usage.csv"])
        #expect(result.status == status, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(verdict))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("reports/2026-10/reconciliation.csv").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("reports/2026-10/reconciliation.md").path))
    }

    @Test func aDoubleBilledGenerationInTheExportExitsOne() throws {
        let folder = try ledgerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let usage = try String(contentsOf: folder.appendingPathComponent("usage.csv"), encoding: .utf8)
        try write(folder, "usage.csv", usage + "g3,org_a,v2,2026-10-03T10:15:22.120Z\n")
        let result = try reconcile(folder, ["--usage-export", "usage.csv", "--out", "out"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("1 duplicate_in_export"))
        let csv = try String(contentsOf: folder.appendingPathComponent("out/2026-10/reconciliation.csv"), encoding: .utf8)
        #expect(csv.contains("2026-10,duplicate_in_export,org_a,v2,g3,"))
    }

    @Test func aBadInvoiceRowExitsTwoNamingItsLine() throws {
        let folder = try ledgerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(folder, "invoice.csv", "org_id,version,quantity,amount\norg_a,v1,2,0.08\norg_a,v2,3,\"12,5\"\n")
        let result = try reconcile(folder, ["--invoice", "invoice.csv"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(#"invoice.csv:3: amount "12,5" is not a decimal number"#))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("reports/2026-10/reconciliation.csv").path))
    }

    @Test(arguments: [
        (["--month", "2026-13"], "--month 2026-13 is not a month"),
        (["--month", "2026-10", "--tolerance", "one cent"], "--tolerance one cent is not an amount"),
        (["--month", "2026-10", "--tolerance=-0.01"], "--tolerance must be 0 or more; got -0.01."),
        (["--month", "2026-10", "--tolerance", "-1"], "--tolerance must be 0 or more; got -1."),
        (["--month", "2026-10", "--invoise", "invoice.csv"], "Unknown option '--invoise'"),
        (["--month"], "Missing value for '--month <month>'"),
    ])
    func argumentMistakesExitTwo(arguments: [String], message: String) throws {
        let folder = try ledgerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["reconcile", "--db", "ledger.sqlite"] + arguments, in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message))
    }

    @Test func anInvoiceWithoutPricingOrAMissingLedgerExitsTwo() throws {
        let folder = try ledgerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("pricing.yaml"))
        try write(folder, "invoice.csv", "org_id,version,quantity,amount\norg_a,v1,2,0.08\n")
        let noPricing = try reconcile(folder, ["--invoice", "invoice.csv"])
        #expect(noPricing.status == 2)
        #expect(noPricing.stderr.contains("needs the pricing rules"))
        let noLedger = try CommandRunner.run(["reconcile", "--db", "missing.sqlite", "--month", "2026-10"], in: folder)
        #expect(noLedger.status == 2)
    }

    @Test func reconcilingTwiceLeavesOneSectionInTheMonthsReport() throws {
        let folder = try ledgerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try CommandRunner.run(["report", "--db", "ledger.sqlite", "--month", "2026-10"], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        let path = folder.appendingPathComponent("reports/2026-10/report.md")
        let before = try String(contentsOf: path, encoding: .utf8)
        _ = try reconcile(folder, ["--usage-export", "usage.csv"])
        let once = try String(contentsOf: path, encoding: .utf8)
        _ = try reconcile(folder, ["--usage-export", "usage.csv"])
        let twice = try String(contentsOf: path, encoding: .utf8)
        #expect(once == twice)
        #expect(twice.hasPrefix(before))
        #expect(twice.components(separatedBy: "<!-- reconciliation -->").count == 2)
    }

    @Test func helpDocumentsTheExitStatus() throws {
        let result = try CommandRunner.run(["reconcile", "--help"])
        #expect(result.stdout.contains("2 bad input"))
        #expect(result.stdout.contains("--tolerance"))
    }
}
