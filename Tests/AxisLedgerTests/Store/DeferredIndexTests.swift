import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// A new ledger's first file makes billing's month index after its billing
/// (``DeferredIndex``): the ledger must have the schema's index, whole and
/// used, as any ledger does; every other ledger keeps its index in place.
struct DeferredIndexTests {
    private let folder: TemporaryDirectory
    private let responses: String

    init() throws {
        folder = try TemporaryDirectory()
        let sample = folder.url.appendingPathComponent("sample")
        _ = try SampleGenerator(configuration: SampleConfiguration(records: 2_000, seed: 5, withBadLines: true)).write(to: sample)
        responses = sample.appendingPathComponent(SampleGenerator.responsesFileName).path
    }

    /// Every schema object as its type, name, table and SQL, sorted (root pages left out).
    private func schema(_ ledger: LedgerDatabase) throws -> [String] {
        try ledger.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_schema")
                .map { row in row.databaseValues.map { "\($0)" }.joined(separator: "|") }.sorted()
        }
    }

    private func rootPage(_ ledger: LedgerDatabase, of name: String) throws -> Int? {
        try ledger.queue.read { db in try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_schema WHERE name = ?", arguments: [name]) }
    }

    @Test func aNewLedgersFirstFileLeavesTheSchemasMonthIndexWholeAndUsed() throws {
        let first = try #require(try FirstFileIngest.ingest(path: responses, intoNewLedgerAt: folder.path("new.sqlite"), options: IngestOptions()))
        guard case .ingested = first.report.outcome else { Issue.record("\(first.report.outcome)"); return }
        let plain = try LedgerDatabase(path: folder.path("plain.sqlite"))
        let pageBefore = try rootPage(plain, of: DeferredIndex.billedByMonth)
        _ = Ingestor(ledger: plain, options: IngestOptions()).ingest(path: responses)

        // The same objects, made by the same statements, as in a ledger whose index was kept row by row.
        let expected = try schema(plain)
        #expect(expected.contains { $0.contains("\(DeferredIndex.billedByMonth)\"|\"billed_generation_firsts\"|\"CREATE INDEX") })
        #expect(try schema(first.ledger) == expected)
        // Made again (a page after the rows'), where the plain ledger's stayed where the migrations made it.
        #expect(try rootPage(plain, of: DeferredIndex.billedByMonth) == pageBefore)
        #expect(try rootPage(first.ledger, of: DeferredIndex.billedByMonth) != pageBefore)
        try first.ledger.queue.read { db in
            // Every billed generation is in the index, and the month's usage is read from it.
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            let billed = try Int.fetchOne(db, sql: "SELECT count(*) FROM billed_generation_firsts") ?? 0
            #expect(billed > 1_000)
            let indexed = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM billed_generation_firsts INDEXED BY \(DeferredIndex.billedByMonth) WHERE month >= ''
                """)
            #expect(indexed == billed)
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM monthly_usage WHERE month = '2026-10'")
                .map { $0["detail"] as String }
            #expect(plan.contains { $0.contains("COVERING INDEX \(DeferredIndex.billedByMonth)") }, "\(plan)")
        }
    }

    @Test func billingsSortHelperThreadIsForItsSortsOnly() throws {
        // Billing's sorts may use a helper thread (``BilledGenerationWriter/sortHelperThreads``);
        // the connection is back to none after the file. The ledger that exists is the one that shows
        // it: a new ledger is opened again when it is published under its name, on a fresh connection.
        #expect(BilledGenerationWriter.sortHelperThreads == 1)
        let first = try #require(try FirstFileIngest.ingest(path: responses, intoNewLedgerAt: folder.path("new.sqlite"), options: IngestOptions()))
        guard case .ingested = first.report.outcome else { Issue.record("\(first.report.outcome)"); return }
        let plain = try LedgerDatabase(path: folder.path("plain.sqlite"))
        _ = Ingestor(ledger: plain, options: IngestOptions()).ingest(path: responses)
        for ledger in [first.ledger, plain] {
            #expect(try ledger.queue.read { db in try Int.fetchOne(db, sql: "PRAGMA threads") } == 0)
        }
        // A new ledger's first file (index deferred) and a file into one that exists bill the same rows.
        // These 2,000 records sort in memory, so this does not reach the helper thread's merge of runs:
        // BilledGenerationWriterTests check that the earliest record wins, ties going to the one stored first.
        let billed = "SELECT generation_id, org_id, version, record_id, billed_at, month FROM billed_generation_firsts ORDER BY generation_id"
        let rows = try [first.ledger, plain].map { ledger in try ledger.queue.read { db in try Row.fetchAll(db, sql: billed) } }
        #expect(rows[0].count > 1_000)
        #expect(rows[0] == rows[1])
    }

    @Test func aRefusedFirstFileLeavesTheIndexAsTheMigrationsMadeIt() throws {
        var strict = IngestOptions()
        strict.strict = true
        let first = try #require(try FirstFileIngest.ingest(path: responses, intoNewLedgerAt: folder.path("new.sqlite"), options: strict))
        guard case .refused = first.report.outcome else { Issue.record("\(first.report.outcome)"); return }
        let made = try LedgerDatabase(path: folder.path("made.sqlite"))
        #expect(try schema(first.ledger) == schema(made))
        #expect(try rootPage(first.ledger, of: DeferredIndex.billedByMonth) == rootPage(made, of: DeferredIndex.billedByMonth))
    }

    @Test func aSharedLedgerKeepsItsIndexInPlace() throws {
        // A ledger made first (by init or an earlier ingest) is written as usual: its index is never dropped.
        let ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
        #expect(!ledger.isStaged)
        let page = try rootPage(ledger, of: DeferredIndex.billedByMonth)
        _ = Ingestor(ledger: ledger, options: IngestOptions()).ingest(path: responses)
        #expect(try rootPage(ledger, of: DeferredIndex.billedByMonth) == page)
    }

    @Test func anIndexTheSchemaLacksIsNotDropped() throws {
        let ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
        let before = try schema(ledger)
        try ledger.queue.inTransaction { db in
            let dropped = try DeferredIndex.drop("no_such_index", db)
            #expect(dropped == nil)
            return .rollback
        }
        #expect(try schema(ledger) == before)
    }
}
