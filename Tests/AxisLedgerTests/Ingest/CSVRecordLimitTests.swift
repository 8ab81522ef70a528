import Foundation
import GRDB
import GRDBSQLite
import Testing
@testable import AxisLedger

/// Issue 11 item 3: a CSV record is capped at the line limit, 16 MiB over
/// all its lines. One over it is quarantined with its first 4096 bytes
/// (secrets redacted) and a reason, the rows around it are kept, and no file
/// is refused for one bad record.
struct CSVRecordLimitTests {
    let folder: TemporaryDirectory
    let ledger: LedgerDatabase
    static let mebibyte = 1024 * 1024

    init() throws {
        folder = try TemporaryDirectory()
        ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
    }

    static func row(_ request: String) -> [UInt8] { Array((SampleLines.csvAttempt(request: request) + "\n").utf8) }

    static func filler(_ count: Int) -> [UInt8] { [UInt8](repeating: UInt8(ascii: "x"), count: count) + [0x0A] }

    /// Bytes after the header and a good row `req_before`, the rows kept, and a fragment of the reason.
    static let records: [(name: String, bad: @Sendable () -> [UInt8], kept: Set<String>, reason: String)] = [
        ("a quoted field over four lines, 6 MiB each but the last, closed",
         { Array("2026-10-03T10:15:20Z,\"org".utf8) + filler(6 * mebibyte) + filler(6 * mebibyte) + filler(6 * mebibyte)
            + Array("acme\",/v1/generate-image,200,POST,,req_long,,,\n".utf8) + row("req_after") },
         ["req_before", "req_after"], "CSV record is 18874442 bytes long over 4 lines, over the 16 MiB limit; its first 4096 bytes are kept here"),
        ("a stray quote over 99 lines of 200 KiB",
         { Array("2026-10-03T10:15:20Z,\"org\n".utf8) + (0..<99).flatMap { _ in filler(200 * 1024) } + row("req_after") },
         ["req_before", "req_after"], "over 100 lines, over the 16 MiB limit; its first 4096 bytes are kept here; its quoted field 2 opened on line 3 is still open after 100 lines (a stray quote?)"),
        ("a quote never closed, over lines of 5 MiB to the end",
         { Array("2026-10-03T10:15:20Z,\"org\n".utf8) + (0..<4).flatMap { _ in filler(5 * mebibyte) } },
         ["req_before"], "over 5 lines, over the 16 MiB limit; its first 4096 bytes are kept here; its quoted field 2 opened on line 3 is not closed before the end of the input"),
        ("a line over the limit inside a quoted field",
         { Array("2026-10-03T10:15:20Z,\"org\n".utf8) + filler(LineReader.maximumLineLength + 1) + row("req_after") },
         ["req_before", "req_after"], "its quoted field 2 opened on line 3 runs into line 4, itself over the limit"),
        ("twenty thousand fields",
         { [UInt8](repeating: UInt8(ascii: ","), count: 20_000) + [0x0A] + row("req_after") },
         ["req_before", "req_after"], "CSV row has more than 10000 fields, the header has 10; its first 4096 bytes are kept here"),
    ]

    @Test(arguments: records)
    func aRecordOverTheLimitIsQuarantinedWithItsFirstBytesAndTheRowsAroundItAreKept(name: String, bad: @Sendable () -> [UInt8], kept: Set<String>, reason: String) throws {
        let path = try folder.write("log.csv", bytes: Array((SampleLines.csvHeader + "\n").utf8) + Self.row("req_before") + bad())
        let report = Ingestor(ledger: ledger).ingest(path: path)
        #expect(report.outcome == .ingested)
        #expect((report.accepted, report.rejected) == (kept.count, 1))
        let stored = try ledger.queue.read { db in
            (try String.fetchAll(db, sql: "SELECT request_id FROM request_attempts"),
             try Row.fetchAll(db, sql: "SELECT line_number, reason, length(CAST(raw_line AS BLOB)) AS size FROM rejected_lines"))
        }
        #expect(Set(stored.0) == kept)
        try #require(stored.1.count == 1)
        #expect(stored.1[0]["line_number"] == 3)
        let storedReason: String = stored.1[0]["reason"]
        #expect(storedReason.contains(reason), "reason: \(storedReason)")
        #expect(stored.1[0]["size"] == CSVRecordSplitter.keptPrefix)
    }

    @Test func theFirstBytesOfACutRecordAreRedacted() throws {
        let secret = "sk_live_9f8e7d6c5b4a3f2e1d0c"
        let header = "Authorization,timestamp,orgId,endpoint,httpStatus,note"
        let bad = Array("Bearer \(secret),2026-10-03T10:15:20Z,org_acme,/v1/generate-image,200,\"see Bearer \(secret)\n".utf8)
            + Self.filler(9 * Self.mebibyte) + Self.filler(9 * Self.mebibyte)
        let path = try folder.write("secret.csv", bytes: Array((header + "\n").utf8) + bad)
        let report = Ingestor(ledger: ledger).ingest(path: path)
        #expect((report.accepted, report.rejected) == (0, 1))
        let raw = try ledger.queue.read { db in try String.fetchOne(db, sql: "SELECT raw_line FROM rejected_lines") }
        let stored = try #require(raw)
        #expect(!stored.contains(secret))
        #expect(stored.utf8.count < LineReader.keptPrefixOfLongLine + 64, "the first bytes only, redacted: \(stored.utf8.count)")
        #expect(stored.hasPrefix("[redacted],2026-10-03T10:15:20Z,org_acme,/v1/generate-image,200,\"see Bearer [redacted]\nxxx"), "\(stored.prefix(120))")
    }

    @Test func aHeaderWithMoreColumnsThanARecordMayHaveIsRefused() throws {
        let header = SampleLines.csvHeader + (1...10_000).map { ",extra\($0)" }.joined()
        let path = try folder.write("wide.csv", header + "\n" + SampleLines.csvAttempt() + "\n")
        guard case .refused(.badCSVHeader(_, let line, let reason)) = Ingestor(ledger: ledger).ingest(path: path).outcome else {
            Issue.record("expected a refused header")
            return
        }
        #expect(line == 1)
        #expect(reason.hasPrefix("the CSV header has 10010 columns, more than the 10000 a record may have"), "\(reason)")
    }

    /// SQLite binds nothing (a NULL) for a value over its length limit; the
    /// stored line of a reject then failed `NOT NULL` and took its whole file
    /// with it. A line over the connection's limit keeps its first bytes instead.
    @Test func aRejectOverSQLitesLengthLimitKeepsItsFirstBytesInsteadOfRefusingTheFile() throws {
        try ledger.queue.inDatabase { db in _ = sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_LENGTH, Int32(Self.mebibyte)) }
        let path = try folder.write("long.jsonl", bytes: Array((SampleLines.success(generation: "before") + "\n").utf8)
            + Self.filler(2 * Self.mebibyte) + Array((SampleLines.success(generation: "after") + "\n").utf8))
        let report = Ingestor(ledger: ledger).ingest(path: path)
        #expect(report.outcome == .ingested)
        #expect((report.accepted, report.rejected) == (2, 1))
        let size = try ledger.queue.read { db in try Int.fetchOne(db, sql: "SELECT length(CAST(raw_line AS BLOB)) FROM rejected_lines") }
        #expect(size == LineReader.keptPrefixOfLongLine)
    }
}
