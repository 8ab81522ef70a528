import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// The billing rules of docs/billing.md, as the SQL views apply them.
struct BillingViewsTests {
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

    private func billed() throws -> [Row] {
        try ledger.queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM billed_generations ORDER BY generation_id") }
    }

    @Test func aGenerationIsBilledOnceHoweverManyRecordsCarryIt() throws {
        try ingest("a.jsonl", [
            SampleLines.success("2026-10-03T10:00:00.000Z", key: "k1", request: "r1", generation: "gen_1"),
            SampleLines.success("2026-10-03T11:00:00.000Z", key: "k1", request: "r2", generation: "gen_1"),
            SampleLines.success("2026-10-04T09:00:00.000Z", key: "k1", request: "r3", generation: "gen_1"),
        ])
        let rows = try billed()
        #expect(rows.count == 1)
        #expect(rows.first?["billed_at"] == "2026-10-03T10:00:00.000Z")
        let usage = try ledger.queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM monthly_usage") }
        #expect(usage.map { $0["generations"] as Int } == [1])
    }

    @Test func aReplayAcrossAMonthBoundaryIsBilledInTheMonthOfTheFirstSuccess() throws {
        // The replay is ingested first: billing follows time, not ingest order.
        try ingest("november.jsonl", [SampleLines.success("2026-11-01T08:00:00.000Z", request: "r2", generation: "gen_x")])
        try ingest("october.jsonl", [SampleLines.success("2026-10-31T23:59:59.500Z", request: "r1", generation: "gen_x")])
        let rows = try billed()
        #expect(rows.map { $0["month"] as String } == ["2026-10"])
        #expect(rows.first?["billed_at"] == "2026-10-31T23:59:59.500Z")
    }

    @Test func anOffsetTimeIsBilledInItsUTCMonth() throws {
        try ingest("a.jsonl", [SampleLines.success("2026-11-01T00:30:00+01:00", generation: "gen_tz")])
        #expect(try billed().first?["month"] == "2026-10")
    }

    @Test func aGenerationUnderTwoOrgsIsBilledOnceToTheEarliestAndListedAsAnAnomaly() throws {
        try ingest("a.jsonl", [
            SampleLines.success("2026-10-05T10:00:00.000Z", org: "org_b", request: "r2", generation: "gen_shared"),
            SampleLines.success("2026-10-05T09:00:00.000Z", org: "org_a", request: "r1", generation: "gen_shared"),
            SampleLines.success("2026-10-05T09:30:00.000Z", org: "org_a", endpoint: "/v1/generate-image", request: "r3", generation: "gen_shared"),
        ])
        let rows = try billed()
        #expect(rows.count == 1)
        #expect(rows.first?["org_id"] == "org_a")
        #expect(rows.first?["version"] == "v2")
        let anomalies = try ledger.queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM billing_anomalies") }
        #expect(anomalies.count == 1)
        #expect(anomalies.first?["kind"] == "generation_in_several_orgs_or_versions")
        #expect(anomalies.first?["detail"] == "seen as org_a/v1, org_a/v2, org_b/v2")
    }

    @Test func tiesOnTimeGoToTheRecordStoredFirst() throws {
        try ingest("a.jsonl", [
            SampleLines.success("2026-10-05T09:00:00.000Z", org: "org_first", request: "r1", generation: "gen_tie"),
            SampleLines.success("2026-10-05T09:00:00.000Z", org: "org_second", request: "r2", generation: "gen_tie"),
        ])
        #expect(try billed().first?["org_id"] == "org_first")
    }

    @Test(arguments: [
        (#""httpStatus":200"#, #""httpStatus":500"#, "a non-200 status"),
        (#""success":true"#, #""success":false"#, "success false"),
        (#""generationId":"gen_1","#, #""generationId":"","#, "an empty generationId"),
    ])
    func nothingElseIsBilled(original: String, replacement: String, what: String) throws {
        let line = SampleLines.success(generation: "gen_1").replacingOccurrences(of: original, with: replacement)
        try ingest("a.jsonl", [line])
        #expect(try billed().isEmpty, "\(what) must not be billed")
    }

    @Test func unbilledTwoHundredsAreAnomalies() throws {
        try ingest("a.jsonl", [
            SampleLines.success(request: "r1", generation: "gen_1").replacingOccurrences(of: #""success":true"#, with: #""success":false"#),
            SampleLines.success(request: "r2", generation: "gen_2").replacingOccurrences(of: #""generationId":"gen_2","#, with: ""),
        ])
        let kinds = try ledger.queue.read { db in try String.fetchAll(db, sql: "SELECT kind FROM billing_anomalies ORDER BY kind") }
        #expect(kinds == ["status_200_without_generation_id", "status_200_without_success"])
    }

    @Test func a402InBothSourcesWithOneRequestIdIsOneEvent() throws {
        try ingest("responses.jsonl", [SampleLines.insufficientBalance("2026-10-03T10:16:01+02:00", request: "req_77ab")])
        try ingest("requests.csv", [SampleLines.csvHeader, SampleLines.csvAttempt("2026-10-03T08:16:00.900Z", status: 402, request: "req_77ab"),
                                    SampleLines.csvAttempt("2026-10-03T09:00:00.000Z", status: 402, request: "req_other")])
        let events = try ledger.queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM events_402 ORDER BY occurred_at") }
        #expect(events.count == 2)
        #expect(events.map { $0["request_id"] as String } == ["req_77ab", "req_other"])
        #expect(events.first?["source_kind"] == "response", "the response record tells a merged event")
        #expect(events.first?["source_file"] as String? == "responses.jsonl", "as recorded: relative to the ledger's folder")
        #expect(events.first?["occurred_at"] == "2026-10-03T08:16:01.000Z")
    }

    @Test func aResponseCodeInsufficientBalanceIsA402EventWhateverItsStatus() throws {
        let line = SampleLines.insufficientBalance(request: "req_x").replacingOccurrences(of: #""httpStatus":402"#, with: #""httpStatus":403"#)
        try ingest("a.jsonl", [line])
        let count = try ledger.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events_402") }
        #expect(count == 1)
    }

    @Test func recordTablesAreAppendOnly() throws {
        try ingest("a.jsonl", [SampleLines.success(generation: "gen_1")])
        for sql in ["DELETE FROM response_records", "UPDATE response_records SET org_id = 'x'", "DELETE FROM billed_generation_firsts"] {
            #expect(throws: DatabaseError.self, "\(sql) must be refused") {
                try ledger.queue.write { db in try db.execute(sql: sql) }
            }
        }
        #expect(try billed().count == 1)
    }
}
