import Foundation
import Testing
@testable import AxisLedger

/// The usage export against the ledger's billed generations, one generation at a time.
struct UsageExportComparisonTests {
    static let header = "generation_id,org_id,version,timestamp"

    static func fixture() throws -> ReconcileFixture {
        let fixture = try ReconcileFixture()
        try fixture.ingest([
            ReconcileFixture.success("g1"),
            ReconcileFixture.success("g2", version: .v1),
            ReconcileFixture.success("g3", at: "2026-09-30T23:59:59.000Z"),
            ReconcileFixture.success("g4", org: "org_b"),
            ReconcileFixture.success("g5", at: "2026-10-20T08:00:00.000Z"),
            ReconcileFixture.failure("g500", status: 500, code: "internal_error"),
            ReconcileFixture.failure("g402", status: 402, code: "insufficient_balance"),
        ])
        return fixture
    }

    static let truth = [header, "g1,org_a,v2,2026-10-03T10:15:22.120Z", "g2,org_a,v1,2026-10-03T10:15:22.120Z",
                        "g4,org_b,v2,2026-10-03T10:15:22.120Z", "g5,org_a,v2,2026-10-20T08:00:00Z"]

    @Test func theTruthMatchesAndAnExportRowOfAnotherMonthIsOutOfScope() throws {
        let result = try Self.fixture().reconcile(usage: Self.truth + ["g9,org_a,v2,2026-11-02T00:00:00Z"])
        #expect(result.found == [])
        #expect(result.exitStatus == 0)
        #expect(result.usageExport?.rows == 5)
        #expect(result.usageExport?.rowsInMonth == 4)
        #expect(result.usageExport?.ledgerGenerations == 4)
    }

    @Test func everyGenerationLevelKindIsFoundWithWhatTheLedgerKnows() throws {
        let export = [Self.header,
                      "g1,org_a,v2,2026-10-03T10:15:22.120Z",
                      "g2,org_b,v1,2026-10-03T10:15:22.120Z",     // another org
                      "g4,org_b,v1,2026-10-03T10:15:22.120Z",     // another version
                      "g3,org_a,v2,2026-10-01T00:00:01Z",         // the ledger billed it in September
                      "g1,org_a,v2,2026-10-03T10:15:22.120Z",     // listed twice
                      "g500,org_a,v2,2026-10-03T11:00:00Z",       // the ledger saw a 500
                      "g402,org_a,v2,2026-10-03T11:00:00Z",       // the ledger saw a 402
                      "gnew,org_a,v2,2026-10-04T09:00:00+02:00"]  // never seen; g5 is missing
        let result = try Self.fixture().reconcile(usage: export)
        #expect(result.found == [
            "billed_only_by_provider org_a v2 g402", "billed_only_by_provider org_a v2 g500", "billed_only_by_provider org_a v2 gnew",
            "billed_only_in_ledger org_a v2 g5",
            "duplicate_in_export org_a v2 g1",
            "org_differs org_a v1 g2",
            "version_differs org_b v2 g4",
            "month_differs org_a v2 g3",
        ])
        let byReference = Dictionary(grouping: result.discrepancies, by: \.reference)
        let g500 = try #require(byReference["g500"]?.first?.ledger)
        guard case .text(let known500) = g500 else { Issue.record("\(g500)"); return }
        #expect(known500.hasPrefix("not billed: HTTP 500 internal_error at 2026-10-03T11:00:00.000Z ("))
        #expect(known500.hasSuffix("input1.jsonl:6)"))
        #expect(byReference["g402"]?.first.map { "\($0.ledger)".contains("not billed: HTTP 402 insufficient_balance") } == true)
        #expect(byReference["gnew"]?.first?.ledger == .text("no record of this generation id"))
        #expect(byReference["gnew"]?.first?.provider == .text("billed at 2026-10-04T07:00:00.000Z"))
        #expect(byReference["g3"]?.first?.ledger == .text("2026-09"))
        #expect(byReference["g3"]?.first?.provider == .text("2026-10"))
        #expect(byReference["g2"]?.first?.provider == .text("org_b"))
        #expect(byReference["g1"]?.first?.provider == .count(2))
        #expect(byReference["g1"]?.first?.detail == "listed 2 times (lines 2 and 6)")
        #expect(result.exitStatus == 1)
    }

    /// The export is loaded as read and then sorted by id: its first listing must still be the one compared.
    @Test func anIdListedSeveralTimesIsComparedByItsFirstListing() throws {
        let export = [Self.header,
                      "g4,org_b,v2,2026-10-03T10:15:22.120Z",
                      "g1,org_b,v2,2026-10-05T00:00:00Z",         // first listing of g1: another org
                      "g2,org_a,v1,2026-10-03T10:15:22.120Z",
                      "g1,org_a,v2,2026-10-03T10:15:22.120Z",     // later listings agree with the ledger
                      "g5,org_a,v2,2026-10-20T08:00:00Z",
                      "g1,org_a,v2,2026-10-03T10:15:22.120Z"]
        let result = try Self.fixture().reconcile(usage: export)
        #expect(result.found == ["duplicate_in_export org_b v2 g1", "org_differs org_a v2 g1"])
        let g1 = result.discrepancies.filter { $0.reference == "g1" }
        #expect(g1.first { $0.kind == .orgDiffers }?.provider == .text("org_b"))
        #expect(g1.first { $0.kind == .duplicateInExport }?.detail == "listed 3 times (lines 3 to 7)")
        #expect(g1.first { $0.kind == .duplicateInExport }?.provider == .count(3))
    }

    @Test func temporaryTablesWorkOnAReadOnlyLedger() throws {
        let fixture = try Self.fixture()
        let result = try fixture.reconcile(usage: [Self.header, "g1,org_a,v2,2026-10-03T10:15:22.120Z", "gnew,org_a,v2,2026-10-04T09:00:00Z"], readOnly: true)
        #expect(result.found == ["billed_only_by_provider org_a v2 gnew", "billed_only_in_ledger org_a v1 g2",
                                 "billed_only_in_ledger org_a v2 g5", "billed_only_in_ledger org_b v2 g4"])
    }

    @Test func aJSONLinesExportWithSnakeOrCamelCaseKeysGivesTheSameResult() throws {
        let fixture = try Self.fixture()
        let csv = try fixture.reconcile(usage: Self.truth + ["gnew,org_a,v2,2026-10-04T09:00:00Z"])
        let json = try fixture.reconcile(usage: [
            #"{"generation_id":"g1","org_id":"org_a","version":"v2","timestamp":"2026-10-03T10:15:22.120Z"}"#,
            #"{"generationId":"g2","orgId":"org_a","version":"v1","timestamp":"2026-10-03T10:15:22.120Z","extra":1}"#,
            "",
            #"{"generation_id":"g4","orgId":"org_b","version":"v2","timestamp":"2026-10-03T10:15:22.120Z"}"#,
            #"{"generation_id":"g5","org_id":"org_a","version":"v2","timestamp":"2026-10-20T08:00:00Z"}"#,
            #"{"generation_id":"gnew","org_id":"org_a","version":"v2","timestamp":"2026-10-04T09:00:00Z"}"#,
        ])
        #expect(csv.found == ["billed_only_by_provider org_a v2 gnew"])
        #expect(json.found == csv.found)
        #expect(json.usageExport?.format == .jsonl)
        #expect(json.discrepancies[0].detail == "export line 6")
    }
}
