import Foundation
import GRDB
import Testing

/// `axis-ledger close`, and `report`/`verify` of a closed month, run as a
/// finance user would at month end.
struct CloseCommandTests {
    static let pricing = "currency: USD\ndefaultPlan: standard\nplans:\n  standard:\n    v1:\n      unitPrice: 0.04\n    v2:\n      unitPrice: 0.10\n"

    private static func line(_ id: String, _ version: String, _ time: String, org: String = "org_a") -> String {
        let endpoint = version == "v1" ? "/v1/generate-image" : "/v2/cinematic-image"
        return #"{"timestamp":"\#(time)","orgId":"\#(org)","endpoint":"\#(endpoint)","httpStatus":200,"requestId":"r-\#(id)-\#(time)","response":{"success":true,"generationId":"\#(id)"}}"#
    }

    /// A ledger with org_a's 2 v1 and 1 v2 generations of October 2026, and the pricing file.
    private func ledgerFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("axis-e2e-close-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write(folder, "october.jsonl", [Self.line("g1", "v1", "2026-10-03T10:00:00Z"), Self.line("g2", "v1", "2026-10-04T10:00:00Z"),
                                            Self.line("g3", "v2", "2026-10-05T10:00:00Z")].joined(separator: "\n") + "\n")
        try write(folder, "pricing.yaml", Self.pricing)
        let ingest = try run(folder, ["ingest", "--db", "ledger.sqlite", "october.jsonl"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return folder
    }

    private func write(_ folder: URL, _ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    private func read(_ folder: URL, _ path: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(path))
    }

    private func run(_ folder: URL, _ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments, environment: ["USER": "finance-alice"], in: folder)
    }

    private func close(_ folder: URL, _ month: String = "2026-10", pricing: String = "pricing.yaml") throws -> CommandRunner.Result {
        try run(folder, ["close", "--db", "ledger.sqlite", "--month", month, "--pricing", pricing, "--note", "signed off"])
    }

    @Test func closeWritesTheReportAndRefusesASecondCloseAndAMonthNotEnded() throws {
        let folder = try ledgerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let closed = try close(folder)
        #expect(closed.status == 0, "\(closed.stderr)")
        #expect(closed.stdout.contains("2026-10 closed on "))
        #expect(closed.stdout.contains("by finance-alice"))
        let issued = try read(folder, "reports/2026-10/invoice_lines.csv")
        #expect(String(decoding: issued, as: UTF8.self).contains("2026-10,org_a,standard,total,,total,3,,0.18,USD"))

        let again = try close(folder)
        #expect(again.status == 1)
        #expect(again.stderr.contains("2026-10 is already closed"))
        #expect(again.stderr.contains("axis-ledger report --month 2026-10"))
        #expect(try read(folder, "reports/2026-10/invoice_lines.csv") == issued)

        let future = try close(folder, "2099-01")
        #expect(future.status == 1)
        #expect(future.stderr.contains("2099-01 has not ended yet (it ends at 2099-02-01T00:00:00Z UTC)"))
        let months = try run(folder, ["sql", "--db", "ledger.sqlite", "--format", "csv", "SELECT month, closed_by, note FROM closed_months"])
        #expect(months.stdout.replacingOccurrences(of: "\r\n", with: "\n") == "month,closed_by,note\n2026-10,finance-alice,signed off\n")
    }

    @Test func aClosedMonthsReportIsTheIssuedOneWithItsChangesAndTheNextMonthCarriesTheAdjustment() throws {
        let folder = try ledgerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try close(folder).status == 0)
        let names = ["usage.csv", "invoice_lines.csv", "flags_402.csv", "report.md"]
        let issued = try names.map { try read(folder, "reports/2026-10/\($0)") }
        // A late file: one more v2 generation of October, and November's first.
        try write(folder, "late.jsonl", Self.line("g4", "v2", "2026-10-31T23:00:00Z") + "\n" + Self.line("g5", "v1", "2026-11-02T10:00:00Z") + "\n")
        #expect(try run(folder, ["ingest", "--db", "ledger.sqlite", "late.jsonl"]).status == 0)

        let report = try run(folder, ["report", "--db", "ledger.sqlite", "--month", "2026-10"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("1 changes since close"))
        for (index, name) in names.enumerated() where name != "report.md" {
            #expect(try read(folder, "reports/2026-10/\(name)") == issued[index], "\(name)")
        }
        let markdown = String(decoding: try read(folder, "reports/2026-10/report.md"), as: UTF8.self)
        #expect(markdown.hasPrefix(String(decoding: issued[3], as: UTF8.self)))
        #expect(markdown.contains("## Changes since close"))
        let changes = String(decoding: try read(folder, "reports/2026-10/changes_since_close.csv"), as: UTF8.self)
        #expect(changes.contains("g4,org_a,v2,,2026-10,late.jsonl,added,,"))

        // Another pricing file is refused; the issued files stay.
        try write(folder, "dearer.yaml", Self.pricing.replacingOccurrences(of: "0.10", with: "0.20"))
        let refused = try run(folder, ["report", "--db", "ledger.sqlite", "--month", "2026-10", "--pricing", "dearer.yaml"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("dearer.yaml (SHA-256 "))
        #expect(refused.stderr.contains("is not the pricing 2026-10 was closed with"))
        #expect(try read(folder, "reports/2026-10/usage.csv") == issued[0])

        let november = try run(folder, ["report", "--db", "ledger.sqlite", "--month", "2026-11", "--pricing", "pricing.yaml"])
        #expect(november.status == 0, "\(november.stderr)")
        let lines = String(decoding: try read(folder, "reports/2026-11/invoice_lines.csv"), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(lines.contains("""
            2026-11,org_a,standard,usage,v1,v1 1 unit at 0.04,1,0.04,0.04,USD,
            2026-11,org_a,standard,adjustment,,adjustment for 2026-10: +1 v2 generation,1,,0.10,USD,
            2026-11,org_a,standard,total,,total,1,,0.14,USD,
            """))

        let verify = try run(folder, ["verify", "--db", "ledger.sqlite"])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("closed months: 1, changes since close: 1"))
    }

    @Test func verifyFailsWhenAnIssuedFileNoLongerMatchesItsHash() throws {
        let folder = try ledgerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try close(folder).status == 0)
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("ledger.sqlite").path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER issued_files_append_only_update")
            try db.execute(sql: "UPDATE issued_files SET content = CAST('changed' AS BLOB) WHERE name = 'invoice_lines.csv'")
        }
        try queue.close()
        let verify = try run(folder, ["verify", "--db", "ledger.sqlite"])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("FAIL every issued file of a closed month matches its SHA-256"))
        #expect(verify.stdout.contains("2026-10/invoice_lines.csv"))
    }
}
