import Foundation
import Testing
@testable import AxisLedger

/// The files reconcile writes: the report.md section, determinism, the per-kind limit.
struct ReconciliationWriterTests {
    static func differing() throws -> (ReconcileFixture, Reconciliation) {
        let fixture = try ReconcileFixture()
        try fixture.ingest([ReconcileFixture.success("g1"), ReconcileFixture.success("g2")])
        let result = try fixture.reconcile(usage: ["generation_id,org_id,version,timestamp", "g1,org_a,v2,2026-10-03T10:15:22.120Z",
                                                   "g1,org_a,v2,2026-10-03T10:15:22.120Z", "g9,org_a,v2,2026-10-03T10:15:22.120Z"])
        return (fixture, result)
    }

    @Test func runningTwiceLeavesOneSectionInReportMarkdownAndKeepsTheRest() throws {
        let (fixture, result) = try Self.differing()
        let month = fixture.folder.url.appendingPathComponent("out/2026-10")
        try FileManager.default.createDirectory(at: month, withIntermediateDirectories: true)
        let report = "# StudioAxis usage report, 2026-10\n\n## Provenance\n\nfiles\n"
        try Data(report.utf8).write(to: month.appendingPathComponent("report.md"))
        try ReconciliationWriter().write(result, to: fixture.folder.path("out"))
        let once = try String(contentsOf: month.appendingPathComponent("report.md"), encoding: .utf8)
        try ReconciliationWriter().write(result, to: fixture.folder.path("out"))
        let twice = try String(contentsOf: month.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(once == twice)
        #expect(twice.hasPrefix(report))
        #expect(twice.components(separatedBy: ReconciliationWriter.sectionStart).count == 2)
        #expect(twice.components(separatedBy: ReconciliationWriter.sectionEnd).count == 2)
        #expect(twice.contains("## Reconciliation\n\n**Differs.**"))
    }

    @Test func theSectionIsReplacedBetweenTheMarkersAndWhatFollowsThemIsKept() {
        let old = "# Report\n\n<!-- reconciliation -->\nold\n<!-- /reconciliation -->\n\n## Notes\n\nkept\n"
        let updated = ReconciliationWriter.withSection("new\n", in: old)
        #expect(updated == "# Report\n\n<!-- reconciliation -->\nnew\n<!-- /reconciliation -->\n\n## Notes\n\nkept\n")
        #expect(ReconciliationWriter.withSection("new\n", in: updated) == updated)
    }

    @Test func withoutReportMarkdownOnlyTheReconciliationFilesAreWritten() throws {
        let (fixture, result) = try Self.differing()
        let written = try ReconciliationWriter().write(result, to: fixture.folder.path("out"))
        #expect(written.map { URL(fileURLWithPath: $0).lastPathComponent } == ["reconciliation.csv", "reconciliation.md", "reconciliation.json"])
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.path("out/2026-10/report.md")))
    }

    @Test func theSameLedgerAndFilesGiveTheSameBytesInKindOrgVersionIdOrder() throws {
        let (fixture, first) = try Self.differing()
        let second = try fixture.reconcile(usage: ["generation_id,org_id,version,timestamp", "g1,org_a,v2,2026-10-03T10:15:22.120Z",
                                                   "g1,org_a,v2,2026-10-03T10:15:22.120Z", "g9,org_a,v2,2026-10-03T10:15:22.120Z"])
        #expect(ReconciliationCSV.render(first) == ReconciliationCSV.render(second))
        #expect(ReconciliationMarkdown.render(first) == ReconciliationMarkdown.render(second))
        let csv = ReconciliationCSV.render(first)
        #expect(csv == """
            month,kind,org_id,version,reference,ledger_value,provider_value,difference,detail\r
            2026-10,billed_only_by_provider,org_a,v2,g9,no record of this generation id,billed at 2026-10-03T10:15:22.120Z,1,export line 4\r
            2026-10,billed_only_in_ledger,org_a,v2,g2,billed at 2026-10-03T10:15:22.120Z,not listed,-1,not in usage.csv\r
            2026-10,duplicate_in_export,org_a,v2,g1,billed once at 2026-10-03T10:15:22.120Z,2,1,listed 2 times (lines 2 and 3)\r

            """)
    }

    @Test func markdownListsAtMostFiftyRowsPerKindAndTheCSVHasAll() throws {
        let fixture = try ReconcileFixture()
        try fixture.ingest((1...60).map { ReconcileFixture.success(String(format: "g%02d", $0)) })
        let result = try fixture.reconcile(usage: ["generation_id,org_id,version,timestamp"])
        #expect(result.discrepancies.count == 60)
        let markdown = ReconciliationMarkdown.render(result)
        #expect(markdown.contains("| g50 "))
        #expect(!markdown.contains("| g51 "))
        #expect(markdown.contains("… and 10 more in reconciliation.csv."))
        #expect(ReconciliationCSV.render(result).components(separatedBy: "\r\n").count == 62)
    }
}
