import Foundation
import GRDB
import Testing
@testable import AxisLedger

struct MonthCloserTests {
    typealias G = ClosingFixture.Generation

    static let october = [
        G(id: "gen_a", org: "org_a", version: .v1, time: "2026-10-03T10:00:00"),
        G(id: "gen_b", org: "org_a", version: .v2, time: "2026-10-04T10:00:00"),
        G(id: "gen_c", org: "org_b", version: .v2, time: "2026-10-05T10:00:00"),
    ]

    @Test func closeStoresTheIssuedMonthAndWritesTheSameFilesAsReport() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest(Self.october)
        let expected = ReportWriter().render(try fixture.openReport("2026-10"))
        let result = try fixture.close("2026-10", note: "signed off, key sk_live_abcdefghijklmnopqrstuvwx")
        for file in expected {
            #expect(try fixture.file("2026-10", file.name) == Data(file.text.utf8), "\(file.name)")
            #expect(result.closed.file(named: file.name)?.content == Data(file.text.utf8))
        }
        #expect(result.closed.closedBy == "tester")
        #expect(result.closed.note?.contains("sk_live_abcdefghijklmnopqrstuvwx") == false)
        let row = try fixture.ledger.queue.read { db in try Row.fetchOne(db, sql: "SELECT * FROM closed_months") }
        #expect(row?["month"] == "2026-10")
        #expect(row?["generations"] == 3)
        #expect(row?["statements"] == 3)  // org_min is listed: its minimum is billed
        #expect(row?["report_files"] == expected.count)  // the five files and a statement pair per org
        let lines = try fixture.ledger.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT org_id, line, version, quantity, unit_price, amount FROM issued_statement_lines ORDER BY org_id, position")
        }
        #expect(lines.map { "\($0["org_id"] as String) \($0["line"] as String) \(($0["amount"] as String))" }
                == ["org_a usage 0.04", "org_a usage 0.12", "org_a total 0.16", "org_b usage 0.12", "org_b total 0.12",
                    "org_min minimum 10.00", "org_min total 10.00"])
        #expect(try fixture.count("SELECT count(*) FROM issued_sources WHERE month = '2026-10'") == 1)
    }

    @Test func aSecondCloseIsRefusedAndChangesNothing() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest(Self.october)
        try fixture.close("2026-10")
        let before = try fixture.file("2026-10", "report.md")
        try fixture.ingest([G(id: "gen_late", org: "org_a", version: .v1, time: "2026-10-30T10:00:00")])
        #expect(throws: ClosingError.self) { try fixture.close("2026-10", pricing: ClosingFixture.dearerPricing) }
        #expect(try fixture.count("SELECT count(*) FROM month_closes") == 1)
        #expect(try fixture.count("SELECT count(*) FROM issued_lines") == 7)
        #expect(try fixture.file("2026-10", "report.md") == before)
    }

    @Test func aMonthNotEndedIsRefused() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest(Self.october)
        let rules = try fixture.rules()
        #expect(throws: ClosingError.notEnded(month: "2026-10", endsAt: "2026-11-01T00:00:00Z")) {
            try MonthCloser(ledger: fixture.ledger).close(month: "2026-10", rules: rules, pricingText: ClosingFixture.pricing, note: nil,
                                                          closedBy: "tester", now: Date(timeIntervalSince1970: 1_793_491_200 - 1), outputFolder: fixture.out)
        }
        #expect(try fixture.count("SELECT count(*) FROM month_closes") == 0)
        #expect(!fixture.fileExists("2026-10", "report.md"))
    }

    @Test func closedFilesStayByteIdenticalAfterALateIngestAndARefusedPricing() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest(Self.october)
        try fixture.close("2026-10")
        let issued = try ReportWriter.fileNames.map { try fixture.file("2026-10", $0) }
        let late = try fixture.ingest([
            G(id: "gen_late", org: "org_a", version: .v2, time: "2026-10-30T10:00:00"),
            G(id: "gen_new_org", org: "org_c", version: .v1, time: "2026-10-30T11:00:00"),
        ], name: "late.jsonl")
        let closed = try fixture.closedReport("2026-10")
        #expect(throws: ClosingError.self) { try closed.check(pricing: try fixture.rules(ClosingFixture.dearerPricing)) }
        try closed.check(pricing: try fixture.rules())
        try closed.check(pricing: nil)
        _ = try closed.write(to: fixture.out)
        for (index, name) in ReportWriter.fileNames.enumerated() where name != "report.md" {
            #expect(try fixture.file("2026-10", name) == issued[index], "\(name)")
        }
        let report = String(decoding: try fixture.file("2026-10", "report.md"), as: UTF8.self)
        #expect(report.hasPrefix(String(decoding: issued[3], as: UTF8.self)))
        #expect(report.contains("## Changes since close"))
        #expect(report.contains("| org_c "))
        let changes = String(decoding: try fixture.file("2026-10", ChangesSinceClose.fileName), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(changes == """
            generation_id,org_id,version,issued_month,month_now,cause,change,issued_org_id,issued_version
            gen_late,org_a,v2,,2026-10,\(late),added,,
            gen_new_org,org_c,v1,,2026-10,\(late),added,,

            """)
    }

    @Test func withoutChangesTheIssuedReportIsWrittenAsIsAndNoChangesFile() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest(Self.october)
        try fixture.close("2026-10")
        let issued = try fixture.file("2026-10", "report.md")
        // Billed from another record, same month, org and version: not a change.
        try fixture.ingest([G(id: "gen_a", org: "org_a", version: .v1, time: "2026-10-01T00:00:00")])
        let closed = try fixture.closedReport("2026-10")
        #expect(closed.changes.isEmpty)
        _ = try closed.write(to: fixture.out)
        #expect(try fixture.file("2026-10", "report.md") == issued)
        #expect(!fixture.fileExists("2026-10", ChangesSinceClose.fileName))
    }

    @Test func verifyCountsChangesAndFailsOnAChangedIssuedFile() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest(Self.october)
        try fixture.close("2026-10")
        try fixture.ingest([G(id: "gen_late", org: "org_a", version: .v2, time: "2026-10-30T10:00:00")])
        var checks = try LedgerVerifier(ledger: fixture.ledger).run()
        #expect(checks.filter { !$0.passed }.map(\.name) == [])
        #expect(checks.contains { $0.name.contains("changes since close: 1") })
        try fixture.ledger.queue.write { db in
            try db.execute(sql: "DROP TRIGGER issued_files_append_only_update")
            try db.execute(sql: "UPDATE issued_files SET content = CAST('month,org_id\n' AS BLOB) WHERE name = 'usage.csv'")
        }
        checks = try LedgerVerifier(ledger: fixture.ledger).run()
        let failed = checks.filter { !$0.passed }
        #expect(failed.map(\.name) == ["every issued file of a closed month matches its SHA-256"])
        #expect(failed.first?.problems.first?.hasPrefix("2026-10/usage.csv") == true)
    }

    @Test func issuedTablesAreAppendOnly() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest(Self.october)
        try fixture.close("2026-10")
        for sql in ["UPDATE issued_lines SET amount = '0.00'", "DELETE FROM month_closes", "DELETE FROM issued_generations",
                    "UPDATE issued_files SET sha256 = ''"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try fixture.ledger.queue.write { db in try db.execute(sql: sql) } }
        }
    }
}
