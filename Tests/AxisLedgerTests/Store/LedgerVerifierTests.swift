import Foundation
import GRDB
import Testing
@testable import AxisLedger

struct LedgerVerifierTests {
    let folder: TemporaryDirectory
    let ledger: LedgerDatabase

    init() throws {
        folder = try TemporaryDirectory()
        ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
        let path = try folder.write("in.jsonl", [SampleLines.success(generation: "g1"), "{bad", SampleLines.success(generation: "g2")].joined(separator: "\n"))
        _ = Ingestor(ledger: ledger).ingest(path: path)
    }

    @Test func aCleanLedgerPassesEveryCheck() throws {
        let checks = try LedgerVerifier(ledger: ledger).run()
        #expect(checks.count == 9)
        #expect(checks.allSatisfy { $0.passed }, "\(checks)")
    }

    @Test func aFileWhoseCountsDisagreeWithItsRowsFails() throws {
        try ledger.queue.write { db in
            // The record tables are append-only; tampering means dropping that guard first.
            try db.execute(sql: "DROP TRIGGER response_records_append_only_delete")
            try db.execute(sql: "DELETE FROM response_records WHERE generation_id = 'g2'")
        }
        let failed = try LedgerVerifier(ledger: ledger).run().filter { !$0.passed }
        #expect(failed.map(\.name) == ["each ingested file's counts match its stored lines", "every billed generation traces to a stored line",
                                         "billed generations agree with the records, recomputed from scratch",
                                         "the id lookup holds every record's ids"])
        #expect(failed.first?.problems.first?.contains("2 lines recorded as accepted, 1 records stored") == true)
    }

    /// The trace walks billing's table in its own order, (month,
    /// generationId), and sorts only what it finds. Ordered by the index by id instead (to
    /// skip that sort), each row cost a second seek into the table: on a
    /// ledger of 10,000,000 records the check took 54 s against 31 s.
    @Test func theTraceReadsBillingInItsOwnOrderNotThroughTheIndexById() throws {
        let plan = try ledger.queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + LedgerVerifier.untracedBilledGenerationsSQL).map { $0["detail"] as String }
        }
        #expect(plan.contains("SCAN b"), "\(plan)")
        #expect(!plan.contains { $0.contains("billed_generation_firsts_by_id") }, "\(plan)")
    }

    @Test func aMissingRejectFails() throws {
        try ledger.queue.write { db in
            try db.execute(sql: "DROP TRIGGER rejected_lines_append_only_delete")
            try db.execute(sql: "DELETE FROM rejected_lines")
        }
        let failed = try LedgerVerifier(ledger: ledger).run().filter { !$0.passed }
        #expect(failed.first?.problems.first?.contains("1 lines recorded as rejected, 0 quarantined") == true)
    }

    @Test func aRecordOfAFileThatNeverFinishedFailsTracing() throws {
        try ledger.queue.write { db in try db.execute(sql: "UPDATE ingested_files SET sha256 = 'pending:x'") }
        let failed = try LedgerVerifier(ledger: ledger).run().filter { !$0.passed }.map(\.name)
        #expect(failed.contains("every billed generation traces to a stored line"))
        #expect(failed.contains("each ingested file's counts match its stored lines"))
    }
}

extension LedgerVerifierTests {
    @Test func billingTablesThatDisagreeWithTheRecordsFail() throws {
        try ledger.queue.write { db in
            try db.execute(sql: "DROP TRIGGER billed_generation_firsts_no_delete")
            try db.execute(sql: "DELETE FROM billed_generation_firsts WHERE generation_id = 'g1'")
            try db.execute(sql: "UPDATE billed_generation_firsts SET org_id = 'org_other' WHERE generation_id = 'g2'")
        }
        let failed = try LedgerVerifier(ledger: ledger).run().filter { !$0.passed }
        let check = try #require(failed.first { $0.name.hasPrefix("billed generations agree") })
        #expect(check.problems == ["g1: by the rule but not kept", "g2: by the rule but not kept", "g2: kept but not by the rule"])
    }
}

/// `verify --quick`: SQLite's quick_check, the files' counts and no void left half done, nothing else.
extension LedgerVerifierTests {
    @Test func quickRunsTheQuickCheckAndTheFileCountsOnly() throws {
        var told: [String] = []
        let checks = try LedgerVerifier(ledger: ledger).run(depth: .quick) { step, steps, name in told.append("\(step)/\(steps) \(name)") }
        #expect(checks.map(\.name) == ["SQLite quick_check", "each ingested file's counts match its stored lines", "no void left half done"])
        #expect(checks.allSatisfy { $0.passed }, "\(checks)")
        #expect(told == ["1/3 SQLite quick_check", "2/3 each ingested file's counts match its stored lines", "3/3 no void left half done"])
    }

    @Test func quickFindsAFileWhoseCountsDisagreeButNotBillingDamage() throws {
        try ledger.queue.write { db in
            try db.execute(sql: "DROP TRIGGER response_records_append_only_delete")
            try db.execute(sql: "DELETE FROM response_records WHERE generation_id = 'g2'")
        }
        let failed = try LedgerVerifier(ledger: ledger).run(depth: .quick).filter { !$0.passed }
        #expect(failed.map(\.name) == ["each ingested file's counts match its stored lines"])
        // The full verify also sees what the deletion did to billing; quick does not look there.
        let full = try LedgerVerifier(ledger: ledger).run().filter { !$0.passed }.map(\.name)
        #expect(full.contains("billed generations agree with the records, recomputed from scratch"))
    }

    @Test func aLookupRowPointingAtTheWrongRecordFails() throws {
        try ledger.queue.write { db in
            try db.execute(sql: "UPDATE id_lookup SET id = 'g9' WHERE id = 'g1'")
        }
        let failed = try LedgerVerifier(ledger: ledger).run().filter { !$0.passed }
        #expect(failed.map(\.name) == ["the id lookup holds every record's ids"])
        #expect(failed.first?.problems.first?.contains("holds generation_id `g9`, and it does not") == true, "\(failed)")
    }

    @Test func aMissingLookupRowFails() throws {
        try ledger.queue.write { db in
            try db.execute(sql: "DELETE FROM id_lookup WHERE id = 'g2'")
        }
        let failed = try LedgerVerifier(ledger: ledger).run().filter { !$0.passed }
        #expect(failed.map(\.name) == ["the id lookup holds every record's ids"])
        #expect(failed.first?.problems == ["response_records has 2 non-empty generation_id values, id_lookup holds 1; `find` and record_ids would miss or repeat records: rebuild the ledger from its files"])
    }

    @Test func theFullVerifyTellsEachOfItsNineChecksAsItStarts() throws {
        var told: [Int] = []
        _ = try LedgerVerifier(ledger: ledger).run { step, steps, _ in
            #expect(steps == 9)
            told.append(step)
        }
        #expect(told == [1, 2, 3, 4, 5, 6, 7, 8, 9])
    }
}
