import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// Billing rule 2 is applied once per file, to its records sorted by
/// generationId in slices: the outcome must not depend on the slice size,
/// on where a slice ends, or on the order files arrive in.
struct BilledGenerationWriterTests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
    }

    /// 60 records over 12 generations: replays within a file and across
    /// files, the same id under other orgs and versions, an earlier replay
    /// in the later file, and two records at the very same time.
    private func files(withTie: Bool = true) throws -> [String] {
        var first: [String] = []
        var second: [String] = []
        for index in 0..<60 {
            let generation = "gen_\((index * 7) % 12)"
            let org = index % 5 == 0 ? "org_b" : "org_a"
            let endpoint = index % 3 == 0 ? "/v1/generate-image" : "/v2/cinematic-image"
            let minute = String(format: "%02d", (index * 13) % 60)
            let line = SampleLines.success("2026-10-0\(1 + index % 4)T10:\(minute):00.000Z", org: org, endpoint: endpoint,
                                           key: "key-\(index)", request: "req_\(index)", generation: generation)
            if index % 2 == 0 { first.append(line) } else { second.append(line) }
        }
        // A tie: the same time as another record of gen_0, stored later.
        if withTie { second.append(SampleLines.success("2026-10-01T10:00:00.000Z", org: "org_c", key: "key-tie", request: "req_tie", generation: "gen_0")) }
        return [try folder.write("first.jsonl", first.joined(separator: "\n") + "\n"),
                try folder.write("second.jsonl", second.joined(separator: "\n") + "\n")]
    }

    private struct Billing: Equatable {
        var firsts: [[String]]
        var placements: [[String]]
    }

    private func ingest(_ paths: [String], sliceSize: Int64, into name: String) throws -> (LedgerDatabase, Billing) {
        let ledger = try LedgerDatabase(path: folder.path(name))
        var options = IngestOptions()
        options.billingSliceSize = sliceSize
        for path in paths {
            let report = Ingestor(ledger: ledger, options: options).ingest(path: path)
            #expect(report.outcome == .ingested)
        }
        let billing = try ledger.queue.read { db in
            Billing(
                firsts: try Row.fetchAll(db, sql: """
                    SELECT f.generation_id, f.org_id, f.version, f.billed_at, f.month, r.request_id
                    FROM billed_generation_firsts AS f JOIN response_records AS r ON r.id = f.record_id
                    ORDER BY f.generation_id
                    """).map { row in (0..<6).map { row[$0] as String } },
                placements: try Row.fetchAll(db, sql: "SELECT * FROM generation_placements ORDER BY 1, 2, 3")
                    .map { row in (0..<3).map { row[$0] as String } })
        }
        return (ledger, billing)
    }

    @Test(arguments: [1, 2, 5, 7, 30, 1000] as [Int64])
    func theSliceSizeDoesNotChangeWhatIsBilled(sliceSize: Int64) throws {
        let paths = try files()
        let (_, reference) = try ingest(paths, sliceSize: BilledGenerationWriter.defaultRecordsPerSlice, into: "reference.sqlite")
        let (ledger, sliced) = try ingest(paths, sliceSize: sliceSize, into: "sliced.sqlite")
        #expect(sliced == reference)
        #expect(sliced.firsts.count == 12)
        // And both equal the rule computed from scratch over all records (what `verify` checks).
        let checks = try LedgerVerifier(ledger: ledger).run()
        let failed = checks.filter { !$0.passed }
        #expect(checks.count == 9)
        #expect(failed.isEmpty, "\(failed)")
    }

    /// Without ties, that is: a tie goes to the record stored first, which the order decides.
    @Test func theOrderFilesArriveInDoesNotChangeWhatIsBilled() throws {
        let paths = try files(withTie: false)
        let (_, inOrder) = try ingest(paths, sliceSize: 3, into: "in-order.sqlite")
        let (_, reversed) = try ingest(paths.reversed(), sliceSize: 3, into: "reversed.sqlite")
        #expect(inOrder == reversed)
    }

    @Test func theEarliestRecordWinsAndTiesGoToTheRecordStoredFirst() throws {
        let (_, billing) = try ingest(try files(), sliceSize: 4, into: "ledger.sqlite")
        let gen0 = try #require(billing.firsts.first { $0[0] == "gen_0" })
        // gen_0 is carried by records 0, 12, 24, 36, 48 and the tie; record 0 (first file) is at 2026-10-01T10:00.
        #expect(gen0[3] == "2026-10-01T10:00:00.000Z")
        #expect(gen0[5] == "req_0")
        // The tie's org is still listed among the placements of gen_0.
        #expect(billing.placements.contains(["gen_0", "org_c", "v2"]))
    }
}
