import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// The ingest semantics: one transaction per file, idempotent, nothing lost.
struct IngestorTests {
    let folder: TemporaryDirectory
    let ledger: LedgerDatabase

    init() throws {
        folder = try TemporaryDirectory()
        ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
    }

    private func ingest(_ path: String, _ options: IngestOptions = IngestOptions()) -> FileIngestReport {
        Ingestor(ledger: ledger, options: options).ingest(path: path)
    }

    private func count(_ table: String) throws -> Int {
        try ledger.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    @Test func progressReportsReadingUpToTheFileSizeThenBillingOnce() throws {
        let lines = (1...3000).map { SampleLines.success(request: "req_\($0)", generation: "gen_\($0)") }
        let path = try folder.write("many.jsonl", lines.joined(separator: "\n") + "\n")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        final class Stages: @unchecked Sendable { var seen: [IngestProgress] = [] }
        let stages = Stages()
        let report = Ingestor(ledger: ledger).ingest(path: path) { stages.seen.append($0) }
        #expect(report.accepted == 3000)
        let reading = stages.seen.compactMap { stage -> Int? in
            if case .reading(let done, let total) = stage { #expect(total == size); return done } else { return nil }
        }
        #expect(reading.count >= 2)
        #expect(reading == reading.sorted())
        #expect(reading.last == size)
        #expect(stages.seen.last == .billing)
        #expect(stages.seen.filter { $0 == .billing }.count == 1)
    }

    @Test func everyLineIsStoredDuplicatedRejectedOrBlank() throws {
        let path = try folder.write("mixed.jsonl", [
            SampleLines.success(), "", SampleLines.success(), "{not json", SampleLines.insufficientBalance(), SampleLines.attempt(),
        ].joined(separator: "\n") + "\n")
        let report = ingest(path)
        #expect(report.outcome == .ingested)
        #expect((report.linesRead, report.accepted, report.duplicates, report.rejected, report.blank) == (6, 3, 1, 1, 1))
        #expect(report.firstRejects.map(\.line) == [4])
        #expect(try count("response_records") == 2)
        #expect(try count("request_attempts") == 1)
        #expect(try count("rejected_lines") == 1)
        let stored = try ledger.queue.read { db in try Row.fetchOne(db, sql: "SELECT * FROM ingested_files") }
        #expect(stored?["lines_read"] == 6)
        #expect(stored?["sha256"] == SHA256.hex(SHA256.hash(try Data(contentsOf: URL(fileURLWithPath: path)))))
    }

    @Test func theSameFileTwiceAddsNothingAndSaysSo() throws {
        let path = try folder.write("a.jsonl", SampleLines.success() + "\n")
        #expect(ingest(path).accepted == 1)
        let copy = try folder.write("copy-of-a.jsonl", SampleLines.success() + "\n")
        let again = ingest(copy)
        guard case .alreadyIngested(let earlier, _) = again.outcome else {
            Issue.record("expected alreadyIngested, got \(again.outcome)")
            return
        }
        #expect(earlier == "a.jsonl", "the earlier file as recorded: relative to the ledger's folder")
        #expect(try count("ingested_files") == 1)
        #expect(try count("response_records") == 1)
    }

    @Test func overlappingFilesNeverDoubleCount() throws {
        let first = try folder.write("part1.jsonl", [SampleLines.success(generation: "g1"), SampleLines.success(generation: "g2")].joined(separator: "\n"))
        let second = try folder.write("part2.jsonl", [SampleLines.success(generation: "g2"), SampleLines.success(generation: "g3")].joined(separator: "\n"))
        #expect(ingest(first).accepted == 2)
        let report = ingest(second)
        #expect((report.accepted, report.duplicates) == (1, 1))
        #expect(try count("response_records") == 3)
    }

    @Test func aGrownLogAddsOnlyItsNewLines() throws {
        let lines = (1...5).map { SampleLines.success(generation: "g\($0)") }
        let path = try folder.write("growing.jsonl", lines[0..<3].joined(separator: "\n") + "\n")
        #expect(ingest(path).accepted == 3)
        try folder.write("growing.jsonl", lines.joined(separator: "\n") + "\n")
        let report = ingest(path)
        #expect((report.accepted, report.duplicates) == (2, 0), "only the new lines are read (docs/reliability.md, Grown logs)")
        #expect((report.howRead.fromWhereItStopped, report.howRead.firstLine, report.howRead.continuesFileId) == (true, 4, 1))
        #expect(try count("response_records") == 5)
        #expect(try count("ingested_files") == 2)
        #expect(try LedgerVerifier(ledger: ledger).run(rereadingFiles: true).allSatisfy(\.passed))
    }

    @Test func aGrownLogChangedInTheMiddleIsReadWholeItsOldLinesDuplicates() throws {
        let lines = (1...5).map { SampleLines.success(generation: "g\($0)") }
        let path = try folder.write("growing.jsonl", lines[0..<3].joined(separator: "\n") + "\n")
        #expect(ingest(path).accepted == 3)
        try folder.write("growing.jsonl", ([SampleLines.success(generation: "g0")] + lines[1...]).joined(separator: "\n") + "\n")
        let report = ingest(path)
        #expect((report.accepted, report.duplicates) == (3, 2))
        #expect(report.howRead.fromWhereItStopped == false)
        #expect(report.howRead.note?.hasPrefix("changed since file 1 was ingested") == true)
    }

    @Test func aBadLineSeenAgainIsCountedRejectedInItsFileAndQuarantinedOnce() throws {
        let first = try folder.write("one.jsonl", "{broken\n" + SampleLines.success())
        let second = try folder.write("two.jsonl", SampleLines.attempt() + "\n{broken\n")
        #expect(ingest(first).rejected == 1)
        let report = ingest(second)
        #expect((report.linesRead, report.accepted, report.duplicates, report.rejected) == (2, 1, 0, 1))
        #expect(report.firstRejects.map(\.line) == [2], "the second file's summary names its own bad line")
        #expect(try count("rejected_lines") == 1)
        let stored = try ledger.queue.read { db in
            try Row.fetchOne(db, sql: "SELECT duplicates, rejected FROM ingested_files WHERE path LIKE '%two.jsonl'")
        }
        #expect(stored?["duplicates"] == 0)
        #expect(stored?["rejected"] == 1)
        #expect(try LedgerVerifier(ledger: ledger).run().allSatisfy(\.passed))
    }

    @Test func aBadLineTwiceInOneFileIsTwoRejects() throws {
        let path = try folder.write("twice.jsonl", "{broken\n" + SampleLines.success() + "\n{broken\n")
        let report = ingest(path)
        #expect((report.accepted, report.duplicates, report.rejected) == (1, 0, 2))
        #expect(report.firstRejects.map(\.line) == [1, 3])
        #expect(try LedgerVerifier(ledger: ledger).run().allSatisfy(\.passed))
    }

    @Test func strictRefusesTheWholeFileAndCommitsNothing() throws {
        let path = try folder.write("bad.jsonl", SampleLines.success() + "\n{oops\n")
        let report = ingest(path, IngestOptions(strict: true))
        guard case .refused(.strictRefused(_, let rejected, let reasons)) = report.outcome else {
            Issue.record("expected a strict refusal, got \(report.outcome)")
            return
        }
        #expect(rejected == 1)
        #expect(reasons.first?.hasPrefix("line 2:") == true)
        #expect(try count("ingested_files") == 0)
        #expect(try count("response_records") == 0)
        #expect(try count("rejected_lines") == 0)
        // Without --strict the same file goes in.
        #expect(ingest(path).accepted == 1)
    }

    @Test func gzipAndPlainGiveTheSameRecords() throws {
        let text = [SampleLines.success(generation: "gz1"), SampleLines.insufficientBalance()].joined(separator: "\n") + "\n"
        let plain = try folder.write("plain.jsonl", text)
        let compressed = try gzip(plain)
        let report = ingest(compressed)
        #expect(report.outcome == .ingested)
        #expect(report.accepted == 2)
        let row = try ledger.queue.read { db in try Row.fetchOne(db, sql: "SELECT compressed, format FROM ingested_files") }
        #expect(row?["compressed"] == 1)
        #expect(row?["format"] == "jsonl")
        #expect(ingest(plain).duplicates == 2)
    }

    @Test func aTruncatedGzipFileIsRefusedWhole() throws {
        let lines = (1...200).map { SampleLines.success(generation: "t\($0)") }.joined(separator: "\n")
        let compressed = try gzip(try folder.write("big.jsonl", lines))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: compressed))
        let cut = try folder.write("cut.jsonl.gz", bytes: Array(bytes.prefix(bytes.count / 2)))
        let report = ingest(cut)
        guard case .refused(.gzip(let path, let reason)) = report.outcome else {
            Issue.record("expected a gzip refusal, got \(report.outcome)")
            return
        }
        #expect(path == cut)
        #expect(reason.contains("truncated"))
        #expect(try count("response_records") == 0)
        #expect(try count("ingested_files") == 0)
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let path = try folder.write("windows.jsonl", bytes: [0xEF, 0xBB, 0xBF] + Array((SampleLines.success() + "\r\n" + SampleLines.attempt() + "\r\n").utf8))
        let report = ingest(path)
        #expect((report.accepted, report.rejected) == (2, 0))
        // The same lines with LF endings are the same lines.
        let unix = try folder.write("unix.jsonl", SampleLines.success() + "\n" + SampleLines.attempt() + "\n")
        #expect(ingest(unix).duplicates == 2)
    }

    @Test func csvRequestLogsAreRequestAttempts() throws {
        let path = try folder.write("requests.csv", [
            SampleLines.csvHeader, SampleLines.csvAttempt(), SampleLines.csvAttempt(status: 429, request: "req_2", retryAfter: "30"), "1,2,3",
        ].joined(separator: "\n"))
        let report = ingest(path)
        #expect((report.linesRead, report.accepted, report.rejected) == (3, 2, 1))
        let retry = try ledger.queue.read { db in try Int.fetchOne(db, sql: "SELECT retry_after_s FROM request_attempts WHERE http_status = 429") }
        #expect(retry == 30)
        let format = try ledger.queue.read { db in try String.fetchOne(db, sql: "SELECT format FROM ingested_files") }
        #expect(format == "csv")
    }

    @Test func aCSVFileWithABadHeaderIsRefused() throws {
        let path = try folder.write("requests.csv", "when,who\n1,2\n")
        guard case .refused(.badCSVHeader(_, let line, _)) = ingest(path).outcome else {
            Issue.record("expected a header refusal")
            return
        }
        #expect(line == 1)
        #expect(try count("ingested_files") == 0)
    }

    @Test func forcedKindTakesEveryLineAsThatKind() throws {
        let path = try folder.write("responses-as-attempts.jsonl", SampleLines.success() + "\n")
        #expect(ingest(path, IngestOptions(forcedKind: .requests)).accepted == 1)
        #expect(try count("request_attempts") == 1)
        #expect(try count("response_records") == 0)
    }

    @Test func timestampsAreStoredInUTCWithTheirMonth() throws {
        let path = try folder.write("offset.jsonl", SampleLines.success("2026-11-01T00:30:00+01:00") + "\n")
        _ = ingest(path)
        let row = try ledger.queue.read { db in try Row.fetchOne(db, sql: "SELECT occurred_at, month FROM response_records") }
        #expect(row?["occurred_at"] == "2026-10-31T23:30:00.000Z")
        #expect(row?["month"] == "2026-10")
    }

    @Test func secretsNeverReachTheDatabaseFile() throws {
        let secret = "sk_live_PLANTED_7731"
        let withHeader = SampleLines.success().replacingOccurrences(of: #""durationMs""#, with: #""headers":{"Authorization":"Bearer \#(secret)"},"durationMs""#)
        let broken = #"{"apiKey":"\#(secret)", oops"#
        let path = try folder.write("secrets.jsonl", withHeader + "\n" + broken + "\n")
        let report = ingest(path)
        #expect((report.accepted, report.rejected) == (1, 1))
        try ledger.queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        for file in [folder.path("ledger.sqlite"), folder.path("ledger.sqlite-wal")] where FileManager.default.fileExists(atPath: file) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "secret found in \(file)")
        }
        let raw = try ledger.queue.read { db in try String.fetchOne(db, sql: "SELECT raw_line FROM rejected_lines") }
        #expect(raw?.contains("[redacted]") == true)
    }

    @Test func anUnreadableFileIsRefusedWithItsPath() throws {
        let path = folder.path("missing.jsonl")
        guard case .refused(let error) = ingest(path).outcome else {
            Issue.record("expected a refusal")
            return
        }
        #expect(error.description.hasPrefix(path + ": cannot read"))
    }

    @Test func anOverlongLineIsQuarantinedWithItsBeginning() throws {
        var bytes = Array((SampleLines.success(generation: "before") + "\n").utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: LineReader.maximumLineLength + 10) + [0x0A]
        bytes += Array((SampleLines.success(generation: "after") + "\n").utf8)
        let path = try folder.write("long.jsonl", bytes: bytes)
        let report = ingest(path)
        #expect((report.accepted, report.rejected) == (2, 1))
        #expect(report.firstRejects.first?.reason.contains("over the 16 MiB limit") == true)
        let kept = try ledger.queue.read { db in try Int.fetchOne(db, sql: "SELECT length(raw_line) FROM rejected_lines") }
        #expect(kept == LineReader.keptPrefixOfLongLine)
    }

    private func gzip(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-kf", path]
        try process.run()
        process.waitUntilExit()
        return path + ".gz"
    }
}
