import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// A log still being written while it is ingested: the file's recorded
/// SHA-256 and size are of exactly the bytes that were parsed, so the lines
/// appended after the reader reached the end are stored by the next ingest.
struct GrowingFileIngestTests {
    let folder: TemporaryDirectory
    let ledger: LedgerDatabase

    init() throws {
        folder = try TemporaryDirectory()
        ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
    }

    /// Fewer lines than one batch, so the only batch is handed over after
    /// the reader has read to the end: an append in its progress callback
    /// lands after the end was read, every time.
    static let firstLines = (1...10).map { SampleLines.success(request: "req_\($0)", generation: "gen_\($0)") }
    static let appendedLines = (11...15).map { SampleLines.success(request: "req_\($0)", generation: "gen_\($0)") }

    /// Ingests `path`, appending `appended` to it once the reader has reached its end.
    private func ingest(_ path: String, appendingOnceReadToTheEnd appended: [UInt8]) -> FileIngestReport {
        final class Once: @unchecked Sendable { var done = false }
        let once = Once()
        return Ingestor(ledger: ledger).ingest(path: path) { stage in
            guard case .reading(let done, let total) = stage, done == total, !once.done else { return }
            once.done = true
            let handle = FileHandle(forWritingAtPath: path)!
            handle.seekToEndOfFile()
            handle.write(Data(appended))
            handle.closeFile()
        }
    }

    private func count(_ table: String) throws -> Int {
        try ledger.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    @Test func linesAppendedWhileAPlainFileIsReadAreStoredByTheNextIngest() throws {
        let original = Array((Self.firstLines.joined(separator: "\n") + "\n").utf8)
        let path = try folder.write("growing.jsonl", bytes: original)
        let first = ingest(path, appendingOnceReadToTheEnd: Array((Self.appendedLines.joined(separator: "\n") + "\n").utf8))
        #expect(first.outcome == .ingested)
        #expect(first.accepted == 10)
        #expect(first.sizeBytes == original.count, "the recorded size is of the bytes parsed")
        #expect(first.sha256 == SHA256.hex(SHA256.hash(Data(original))), "the recorded SHA-256 is of the bytes parsed")

        // The first 10 lines are the bytes recorded: the next ingest reads on from line 11 (docs/reliability.md, Grown logs).
        let second = Ingestor(ledger: ledger).ingest(path: path)
        #expect(second.outcome == .ingested)
        #expect((second.accepted, second.duplicates) == (5, 0))
        #expect((second.howRead.fromWhereItStopped, second.howRead.firstLine, second.howRead.startOffset) == (true, 11, original.count))
        #expect(try count("response_records") == 15)
    }

    @Test func membersAppendedWhileAGzipFileIsReadAreStoredByTheNextIngest() throws {
        let plain = try folder.write("first.jsonl", Self.firstLines.joined(separator: "\n") + "\n")
        let more = try folder.write("more.jsonl", Self.appendedLines.joined(separator: "\n") + "\n")
        let compressed = Array(try Data(contentsOf: URL(fileURLWithPath: try gzip(plain))))
        let appendedMember = Array(try Data(contentsOf: URL(fileURLWithPath: try gzip(more))))
        let path = try folder.write("growing.jsonl.gz", bytes: compressed)

        let first = ingest(path, appendingOnceReadToTheEnd: appendedMember)
        #expect(first.outcome == .ingested)
        #expect(first.accepted == 10)
        #expect(first.sizeBytes == compressed.count, "the recorded size is of the compressed bytes decompressed")
        #expect(first.sha256 == SHA256.hex(SHA256.hash(Data(compressed))))

        let second = Ingestor(ledger: ledger).ingest(path: path)
        #expect(second.outcome == .ingested)
        #expect((second.accepted, second.duplicates) == (5, 10))
        #expect(second.sizeBytes == compressed.count + appendedMember.count)
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
