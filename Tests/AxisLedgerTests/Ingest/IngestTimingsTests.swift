import Foundation
import GRDB
import GRDBSQLite
import Testing
@testable import AxisLedger

/// `ingest --timings`: each phase of a file's transaction measured once,
/// an inner phase not counted again in the one around it.
struct IngestTimingsTests {
    let folder: TemporaryDirectory
    let ledger: LedgerDatabase

    init() throws {
        folder = try TemporaryDirectory()
        ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
    }

    /// Pages the ledger's connection has written out of its page cache since it was opened.
    private func pagesWritten() -> Int64 {
        ledger.queue.inDatabase { db in
            var current: Int32 = 0, highest: Int32 = 0
            sqlite3_db_status(db.sqliteConnection, SQLITE_DBSTATUS_CACHE_WRITE, &current, &highest, 0)
            return Int64(current)
        }
    }

    private func billableFile(_ name: String, records: Int) throws -> String {
        let lines = (1...records).map { SampleLines.success(key: "key-\($0)", request: "req_\($0)", generation: "gen_\($0)") }
        return try folder.write(name, lines.joined(separator: "\n") + "\n")
    }

    @Test func anInnerPhaseIsItsOwnAndNotTheOuterOnes() {
        let clock = PhaseClock(connection: nil)
        clock.measure(.lines) {
            clock.measure(.idLookup) { usleep(30_000) }
        }
        let timings = clock.timings
        #expect(timings[.idLookup].seconds >= 0.03)
        // Counted in the outer phase too, the lines' phase would hold the 30 ms as well.
        #expect(timings[.lines].seconds < timings[.idLookup].seconds)
        #expect(timings[.billing] == IngestTimings.Spent())
        #expect(timings.totalSeconds == timings[.lines].seconds + timings[.idLookup].seconds)
    }

    @Test func everyPageTheTransactionWritesIsInExactlyOnePhase() throws {
        // A page cache of 10 pages spills while lines are stored and while billing writes its rows.
        try ledger.queue.inDatabase { db in try db.execute(sql: "PRAGMA cache_size = 10") }
        let path = try billableFile("many.jsonl", records: 3000)
        let before = pagesWritten()
        let report = Ingestor(ledger: ledger).ingest(path: path)
        let written = pagesWritten() - before
        #expect(report.accepted == 3000)
        let timings = try #require(report.timings)
        #expect(timings[.lines].pagesWritten > 0)
        #expect(timings[.billing].pagesWritten > 0)
        #expect(timings[.commit].pagesWritten > 0, "the commit writes the pages still in the cache")
        #expect(IngestTimings.Phase.allCases.map { timings[$0].pagesWritten }.reduce(0, +) == written)
        #expect(IngestTimings.Phase.allCases.allSatisfy { timings[$0].seconds >= 0 && timings[$0].pagesRead >= 0 })
        #expect(timings[.lines].seconds > 0)
    }

    @Test func aFileIngestedBeforeHasNoTimings() throws {
        let path = try billableFile("few.jsonl", records: 3)
        #expect(Ingestor(ledger: ledger).ingest(path: path).timings != nil)
        let again = Ingestor(ledger: ledger).ingest(path: path)
        guard case .alreadyIngested = again.outcome else { Issue.record("\(again.outcome)"); return }
        #expect(again.timings == nil, "nothing of it was read into a transaction")
    }

    @Test func theTimingLinesNameEachPhaseInOrderWithItsSecondsAndPages() {
        var report = FileIngestReport(path: "logs/responses.jsonl", outcome: .ingested)
        var timings = IngestTimings()
        timings[.lines] = IngestTimings.Spent(seconds: 12.346, pagesRead: 231_400, pagesWritten: 225_673)
        timings[.idLookup] = IngestTimings.Spent(seconds: 3.8, pagesRead: 148_650, pagesWritten: 38_553)
        timings[.billing] = IngestTimings.Spent(seconds: 0.004, pagesRead: 0, pagesWritten: 7)
        timings[.commit] = IngestTimings.Spent(seconds: 102.5, pagesRead: 1, pagesWritten: 0)
        report.timings = timings
        #expect(IngestSummary.timingLines(for: report) == [
            "logs/responses.jsonl: time by phase (pages: read into SQLite's page cache, written out of it)",
            "  read and store the lines        12.35 s   pages read 231400, written 225673",
            "  fill the id lookup               3.80 s   pages read 148650, written 38553",
            "  apply billing rule 2             0.00 s   pages read 0, written 7",
            "  lock, commit and checkpoint    102.50 s   pages read 1, written 0",
            "  in all                         118.65 s",
        ])
        #expect(IngestSummary.timingLines(for: FileIngestReport(path: "x", outcome: .ingested)).isEmpty)
    }
}
