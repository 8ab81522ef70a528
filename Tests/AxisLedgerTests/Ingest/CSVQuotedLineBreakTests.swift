import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// Issue 17: a line break inside a quoted CSV field is part of the value
/// (RFC 4180) and is stored exactly as written, CR LF as CR LF, a lone LF as
/// LF, a lone CR as CR, whatever the file's own line endings; the line hash
/// is taken of those same bytes, so ingesting the records again adds nothing.
struct CSVQuotedLineBreakTests {
    /// One file to ingest: how its records end, the line breaks held by the
    /// quoted field, where in the field they are, which column holds it, and
    /// whether the last record has a line ending.
    struct Case: CustomTestStringConvertible, Sendable {
        var recordEnding: String
        var breaks: String
        var position: Position
        var column: Column
        var finalLineEnding: Bool

        enum Position: String, CaseIterable, Sendable { case start, middle, end }
        enum Column: String, CaseIterable, Sendable { case first, last }

        /// The value as written between the quotes.
        var value: String {
            switch position {
            case .start: return breaks + "req_x"
            case .middle: return "req" + breaks + "_x"
            case .end: return "req_x" + breaks
            }
        }

        var header: String {
            column == .first ? "requestId,timestamp,orgId,endpoint,httpStatus" : "timestamp,orgId,endpoint,httpStatus,requestId"
        }

        /// Record `n` as written, without the line ending that ends it (`n` is in its timestamp, so each line is unique).
        func record(_ n: Int) -> String {
            let field = "\"\(value)\""
            let rest = "2026-10-03T10:15:2\(n)Z,org_acme,/v1/generate-image,200"
            return column == .first ? "\(field),\(rest)" : "\(rest),\(field)"
        }

        var file: String {
            [header, record(1), record(2)].joined(separator: recordEnding) + (finalLineEnding ? recordEnding : "")
        }

        var testDescription: String {
            let names = ["\n": "LF", "\r\n": "CRLF", "\r": "CR"]
            let written = breaks.map { names[String($0)] ?? String($0) }.joined(separator: "+")
            return "\(names[recordEnding]!) file, \(written) at the \(position) of the \(column) column, "
                + (finalLineEnding ? "final line ending" : "no final line ending")
        }
    }

    /// Line breaks a quoted field may hold: LF, CR LF, a lone CR, and mixes.
    static let breaks = ["\n", "\r\n", "\r", "\r\n\n", "\n\r\n", "a\rb\r\n"]

    static let cases: [Case] = ["\n", "\r\n"].flatMap { ending in
        breaks.flatMap { written in
            Case.Position.allCases.flatMap { position in
                Case.Column.allCases.flatMap { column in
                    [true, false].map { Case(recordEnding: ending, breaks: written, position: position, column: column, finalLineEnding: $0) }
                }
            }
        }
    }

    @Test(arguments: cases)
    func aLineBreakInsideQuotesIsStoredByteForByteAndHashedAsWritten(_ example: Case) throws {
        let folder = try TemporaryDirectory()
        let ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
        let path = try folder.write("log.csv", example.file)
        let report = Ingestor(ledger: ledger).ingest(path: path)
        #expect(report.outcome == .ingested)
        #expect((report.accepted, report.rejected) == (2, 0), "\(report.firstRejects)")

        let stored = try ledger.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT CAST(request_id AS BLOB) AS value, line_hash, month FROM request_attempts ORDER BY id")
        }
        try #require(stored.count == 2)
        for (index, row) in stored.enumerated() {
            let value: Data = row["value"]
            #expect(Array(value) == Array(example.value.utf8), "the value keeps every byte between its quotes")
            let hash: Data = row["line_hash"]
            let month: String = row["month"]
            #expect(Array(hash) == Array(month.utf8) + RecordWriter.lineHash(Array(example.record(index + 1).utf8)),
                    "the hash is the month, then the hash of the record as written")
        }
    }

    @Test(arguments: cases.filter { $0.position == .middle && $0.column == .last })
    func theSameRecordsIngestedAgainAddNothing(_ example: Case) throws {
        let folder = try TemporaryDirectory()
        let ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
        let path = try folder.write("log.csv", example.file)
        #expect(Ingestor(ledger: ledger).ingest(path: path).accepted == 2)

        let again = Ingestor(ledger: ledger).ingest(path: path)
        guard case .alreadyIngested = again.outcome else {
            Issue.record("the same file again: expected alreadyIngested, got \(again.outcome)")
            return
        }
        // Other bytes, same records: the other record ending, and a blank line at the end.
        let otherEnding = example.recordEnding == "\n" ? "\r\n" : "\n"
        let other = [example.header, example.record(1), example.record(2)].joined(separator: otherEnding) + otherEnding + otherEnding
        let copy = try folder.write("copy.csv", other)
        let report = Ingestor(ledger: ledger).ingest(path: copy)
        #expect(report.outcome == .ingested)
        #expect((report.accepted, report.duplicates, report.rejected) == (0, 2, 0))
        let count = try ledger.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM request_attempts") }
        #expect(count == 2)
    }
}
