import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// `verify`'s check of billing rule 2, computed month by month, finds what
/// the whole-ledger computation it replaced found: the same problems, in
/// the same words, on random ledgers of several months with random damage.
struct LedgerVerifierBillingTests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
    }

    /// The check as it was before it went month by month: the rule computed
    /// over every live record at once, both tables compared with EXCEPT.
    static func referenceProblems(_ db: Database) throws -> [String] {
        let kept = "SELECT generation_id, record_id, billed_at, month, org_id, version FROM billed_generation_firsts"
        return try Row.fetchAll(db, sql: """
            SELECT 'kept but not by the rule' AS side, generation_id FROM (\(kept) EXCEPT \(BilledGenerationWriter.fromScratch))
            UNION ALL
            SELECT 'by the rule but not kept', generation_id FROM (\(BilledGenerationWriter.fromScratch) EXCEPT \(kept))
            UNION ALL
            SELECT 'placements differ', generation_id FROM (
                SELECT * FROM generation_placements EXCEPT \(BilledGenerationWriter.placementsFromScratch)
                UNION ALL
                SELECT * FROM (\(BilledGenerationWriter.placementsFromScratch) EXCEPT SELECT * FROM generation_placements))
            ORDER BY 2, 1
            """).map { "\($0["generation_id"] as String): \($0["side"] as String)" }
    }

    private func billingCheck(_ ledger: LedgerDatabase) throws -> [String] {
        let checks = try LedgerVerifier(ledger: ledger).run()
        return try #require(checks.first { $0.name == LedgerVerifier.billingAgreesName }).problems
    }

    /// 24 successful records over three months (the last days of September and
    /// October, the first of November, so replays cross months), 8 generationIds,
    /// 3 orgs and both versions, in 1 to 3 files.
    private func randomLedger(seed: UInt64, name: String) throws -> LedgerDatabase {
        var state = seed
        func next(_ bound: Int) -> Int { Int(SampleRandom.splitMix(&state) % UInt64(bound)) }
        let days = ["2026-09-30T2", "2026-10-01T0", "2026-10-31T2", "2026-11-01T0"]
        var lines: [String] = []
        for n in 0..<24 {
            let time = "\(days[next(days.count)])\(next(4)):\(10 + next(50)):00.000Z"
            let endpoint = next(2) == 0 ? "/v1/generate-image" : "/v2/cinematic-image"
            lines.append(SampleLines.success(time, org: "org_\(next(3))", endpoint: endpoint, key: "k\(n)", request: "r\(n)", generation: "g\(next(8))"))
        }
        let ledger = try LedgerDatabase(path: folder.path(name))
        let files = 1 + next(3)
        for file in 0..<files {
            let part = lines.enumerated().filter { $0.offset % files == file }.map(\.element)
            let path = try folder.write("\(name)-\(file).jsonl", part.joined(separator: "\n") + "\n")
            #expect(Ingestor(ledger: ledger).ingest(path: path).outcome == .ingested)
        }
        return ledger
    }

    /// One kind of damage to the billing tables, chosen by `kind`.
    private func damage(_ ledger: LedgerDatabase, kind: Int, seed: UInt64) throws {
        try ledger.queue.write { db in
            try db.execute(sql: "DROP TRIGGER billed_generation_firsts_no_delete")
            let ids = try String.fetchAll(db, sql: "SELECT generation_id FROM billed_generation_firsts ORDER BY generation_id")
            guard !ids.isEmpty else { return }
            let id = ids[Int(seed % UInt64(ids.count))]
            switch kind {
            case 0: try db.execute(sql: "DELETE FROM billed_generation_firsts WHERE generation_id = ?", arguments: [id])
            case 1: try db.execute(sql: "UPDATE billed_generation_firsts SET month = '2026-11', billed_at = '2026-11-30T00:00:00.000Z' WHERE generation_id = ?", arguments: [id])
            case 2: try db.execute(sql: "UPDATE billed_generation_firsts SET org_id = 'org_other' WHERE generation_id = ?", arguments: [id])
            case 3: try db.execute(sql: "UPDATE billed_generation_firsts SET month = '2025-01' WHERE generation_id = ?", arguments: [id])
            case 4: try db.execute(sql: "INSERT INTO generation_placements VALUES (?, 'org_other', 'v1')", arguments: [id])
            case 5: try db.execute(sql: "DELETE FROM generation_placements WHERE (generation_id, org_id, version) IN (SELECT generation_id, org_id, version FROM generation_placements LIMIT 1)")
            case 6:
                // A kept row for an id no record has.
                try db.execute(sql: "INSERT INTO billed_generation_firsts VALUES ('g_none', 1, '2026-10-02T00:00:00.000Z', '2026-10', 'org_0', 'v1')")
            default: break
            }
        }
    }

    @Test(arguments: 0..<200)
    func monthByMonthFindsWhatTheWholeLedgerFound(seed: Int) throws {
        let ledger = try randomLedger(seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1, name: "ledger-\(seed)")
        #expect(try billingCheck(ledger) == [], "a ledger as ingest left it passes")
        try damage(ledger, kind: seed % 8, seed: UInt64(seed))
        let reference = try ledger.queue.read { db in try Self.referenceProblems(db) }
        let found = try billingCheck(ledger)
        #expect(found == LedgerVerifier.capped(reference), "damage \(seed % 8)")
        if seed % 8 < 4 || seed % 8 == 6 { #expect(!reference.isEmpty, "damage \(seed % 8) is found") }
    }

    @Test func aGenerationReplayedIntoTheNextMonthUnderAnotherOrgIsOnePlacementAnomaly() throws {
        let ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
        let lines = [
            SampleLines.success("2026-10-31T23:50:00.000Z", org: "org_a", key: "k1", request: "r1", generation: "g1"),
            SampleLines.success("2026-11-01T00:10:00.000Z", org: "org_b", key: "k1", request: "r2", generation: "g1"),
        ]
        #expect(Ingestor(ledger: ledger).ingest(path: try folder.write("r.jsonl", lines.joined(separator: "\n") + "\n")).accepted == 2)
        #expect(try billingCheck(ledger) == [])
        try ledger.queue.write { db in try db.execute(sql: "DELETE FROM generation_placements WHERE org_id = 'org_b'") }
        #expect(try billingCheck(ledger) == ["g1: placements differ"])
    }
}
