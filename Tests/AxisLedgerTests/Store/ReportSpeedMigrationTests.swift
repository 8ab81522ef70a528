import GRDB
import Testing
@testable import AxisLedger

/// migrations/0003_report_speed.sql: what it changes for `report`, and what it must not change.
struct ReportSpeedMigrationTests {
    let folder: TemporaryDirectory
    let ledger: LedgerDatabase

    init() throws {
        folder = try TemporaryDirectory()
        ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
    }

    private func plan(_ sql: String, _ arguments: StatementArguments) throws -> String {
        try ledger.queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }.joined(separator: "\n")
        }
    }

    @Test func theV2LatenciesAreReadFromTheMonthIndexAlone() throws {
        let plan = try plan(V2LatencyScan.sql, ["2026-10", "org_a"])
        #expect(plan.contains("USING COVERING INDEX response_records_by_month_org (month=? AND org_id=? AND version=? AND http_status=?)"), "\(plan)")
    }

    /// The id before the latencies keeps ingest's inserts at the end of each
    /// run of the index, in the order of 0001's index.
    @Test func theMonthIndexKeepsItsOrderWithTheLatenciesAfterTheRowId() throws {
        let columns = try ledger.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info('response_records_by_month_org') ORDER BY seqno")
        }
        #expect(columns == ["month", "org_id", "version", "http_status", "error_code", "file_id", "id",
                            "semantic_translation_ms", "provider_latency_ms"])
    }

    @Test func theMonthsAnomaliesStartFromThePlacementsNotFromEveryBilledGeneration() throws {
        let plan = try plan("SELECT * FROM billing_anomalies WHERE month = ?", ["2026-10"])
        #expect(!plan.contains("billed_generation_firsts_by_month"), "\(plan)")
        // Keyed by (month, generation_id) since 0012: each placed id is one seek of the month's rows.
        #expect(plan.contains("SEARCH b USING PRIMARY KEY (month=? AND generation_id=?)"), "\(plan)")
    }

    /// 0002's billing_anomalies, word for word: 0003's must list the same rows.
    static let anomaliesOf0002 = """
        CREATE TEMP VIEW anomalies_0002 AS
        SELECT 'generation_in_several_orgs_or_versions' AS kind,
               b.month, b.org_id, b.version, b.generation_id, NULL AS request_id, b.billed_at AS occurred_at,
               'seen as ' || (SELECT group_concat(placement, ', ') FROM (
                   SELECT p.org_id || '/' || p.version AS placement FROM generation_placements AS p
                   WHERE p.generation_id = b.generation_id ORDER BY placement)) AS detail
        FROM billed_generation_firsts AS b
        WHERE b.generation_id IN (SELECT generation_id FROM generation_placements)
        UNION ALL
        SELECT CASE WHEN coalesce(r.success, 0) = 0 THEN 'status_200_without_success' ELSE 'status_200_without_generation_id' END,
               r.month, r.org_id, r.version, r.generation_id, r.request_id, r.occurred_at,
               f.path || ':' || r.line_number
        FROM response_records AS r JOIN ingested_files AS f ON f.id = r.file_id
        WHERE r.http_status = 200 AND (coalesce(r.success, 0) = 0 OR coalesce(r.generation_id, '') = '')
        """

    @Test func theAnomaliesAreThoseOf0002() throws {
        let lines = [
            // One generation under three placements, another under two, one under one.
            SampleLines.success("2026-10-05T10:00:00.000Z", org: "org_b", request: "r1", generation: "gen_shared"),
            SampleLines.success("2026-10-05T09:00:00.000Z", org: "org_a", request: "r2", generation: "gen_shared"),
            SampleLines.success("2026-10-05T09:30:00.000Z", org: "org_a", endpoint: "/v1/generate-image", request: "r3", generation: "gen_shared"),
            SampleLines.success("2026-11-02T09:00:00.000Z", org: "org_a", request: "r4", generation: "gen_twice"),
            SampleLines.success("2026-11-02T09:00:01.000Z", org: "org_c", request: "r5", generation: "gen_twice"),
            SampleLines.success("2026-10-06T09:00:00.000Z", org: "org_a", request: "r6", generation: "gen_once"),
            SampleLines.success(request: "r7", generation: "gen_7").replacingOccurrences(of: #""success":true"#, with: #""success":false"#),
            SampleLines.success(request: "r8", generation: "gen_8").replacingOccurrences(of: #""generationId":"gen_8","#, with: ""),
        ]
        let report = Ingestor(ledger: ledger).ingest(path: try folder.write("a.jsonl", lines.joined(separator: "\n") + "\n"))
        #expect(report.outcome == .ingested)
        let order = "ORDER BY kind, month, org_id, version, generation_id, occurred_at, request_id"
        let (now, before) = try ledger.queue.write { db in
            try db.execute(sql: Self.anomaliesOf0002)
            return (try Row.fetchAll(db, sql: "SELECT * FROM billing_anomalies \(order)"),
                    try Row.fetchAll(db, sql: "SELECT * FROM temp.anomalies_0002 \(order)"))
        }
        #expect(now.count == 4)
        #expect(now == before)
        for month in ["2026-10", "2026-11"] {
            let (monthNow, monthBefore) = try ledger.queue.write { db in
                (try Row.fetchAll(db, sql: "SELECT * FROM billing_anomalies WHERE month = ? \(order)", arguments: [month]),
                 try Row.fetchAll(db, sql: "SELECT * FROM temp.anomalies_0002 WHERE month = ? \(order)", arguments: [month]))
            }
            #expect(monthNow == monthBefore, "\(month)")
        }
    }
}
