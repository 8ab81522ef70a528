import Foundation
import Testing
@testable import AxisLedger

/// The reading thread and the storing thread: verdicts arrive whole and in
/// order, either side can stop the other, and neither is left waiting.
struct ClassifyingReaderTests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
    }

    /// Many more lines than the pipe holds, so the reader must wait for the writer.
    static let lineCount = ClassifyingReader.batchSize * ClassifyingReader.batchesInFlight * 3 + 17

    private func reader(for path: String, options: IngestOptions = IngestOptions()) throws -> ClassifyingReader {
        let raw = try RawInput(path: path)
        return ClassifyingReader(lines: LineReader(source: raw), raw: raw, classifier: LineClassifier(path: path, options: options))
    }

    private func manyLines() throws -> String {
        let lines = (1...Self.lineCount).map { index in
            index % 100 == 0 ? "" : SampleLines.success(request: "req_\(index)", generation: "gen_\(index)")
        }
        return try folder.write("many.jsonl", lines.joined(separator: "\n") + "\n")
    }

    @Test func everyLineArrivesOnceAndInOrder() throws {
        let reader = try reader(for: try manyLines())
        defer { reader.close() }
        var lineNumbers: [Int] = []
        var blanks = 0
        var lastBytesRead = 0
        let format = try reader.run { batch in
            #expect(batch.bytesRead >= lastBytesRead)
            lastBytesRead = batch.bytesRead
            for verdict in batch.verdicts {
                switch verdict {
                case .record(let row):
                    lineNumbers.append(row.lineNumber)
                    // The month (7 bytes, 'YYYY-MM') then 16 bytes of SHA-256 (migration 0012).
                    #expect(row.lineHash.count == 7 + 16)
                case .blank: blanks += 1
                case .reject(let line, _, let reason, _): Issue.record("line \(line) rejected: \(reason)")
                }
            }
        }
        #expect(format == .jsonl)
        #expect(blanks == Self.lineCount / 100)
        #expect(lineNumbers == (1...Self.lineCount).filter { $0 % 100 != 0 })
    }

    /// Long lines: the batches are cut by bytes, so memory in flight stays bounded whatever the line length.
    @Test func batchesOfLongLinesAreCutByBytes() throws {
        let prompt = String(repeating: "a long prompt ", count: 20_000) // about 280 KB per line
        let lines = (1...40).map { index in
            SampleLines.success(request: "req_\(index)", generation: "gen_\(index)").replacingOccurrences(of: "a team celebrating", with: prompt)
        }
        let reader = try reader(for: try folder.write("long.jsonl", lines.joined(separator: "\n") + "\n"))
        defer { reader.close() }
        var sizes: [(count: Int, bytes: Int)] = []
        _ = try reader.run { batch in sizes.append((batch.verdicts.count, batch.byteCount)) }
        #expect(sizes.map(\.count).reduce(0, +) == 40)
        #expect(sizes.count >= 40 * 280_000 / ClassifyingReader.batchBytes)
        for size in sizes {
            // Under the limit, or over it by the last verdict only.
            #expect(size.bytes < ClassifyingReader.batchBytes + 300_000, "\(size)")
        }
    }

    struct StoreFailed: Error {}

    @Test func aFailureWhileStoringStopsTheReaderAndIsRethrown() throws {
        let reader = try reader(for: try manyLines())
        defer { reader.close() }
        var batchesStored = 0
        #expect(throws: StoreFailed.self) {
            _ = try reader.run { _ in
                batchesStored += 1
                if batchesStored == 2 { throw StoreFailed() }
            }
        }
        // run returned, so the reading thread ended; nothing after the failure was handed over.
        #expect(batchesStored == 2)
    }

    /// Standard input or a pipe may go quiet without ending: when storing fails, the reader must
    /// stop waiting for more input so the failure is reported.
    @Test func aFailureWhileStoringDoesNotWaitForASilentPipe() throws {
        let path = folder.path("quiet.pipe")
        try #require(mkfifo(path, 0o600) == 0)
        // Read-write, so opening the writing end does not wait for a reader; it stays open: the pipe never ends.
        let writingEnd = open(path, O_RDWR)
        try #require(writingEnd >= 0)
        let lines = (1...300).map { SampleLines.success(request: "req_\($0)", generation: "gen_\($0)") }
        let text = Array((lines.joined(separator: "\n") + "\n").utf8)
        // More than the pipe holds, so written from another thread while the reader reads.
        Thread {
            text.withUnsafeBytes { bytes in
                var written = 0
                while written < bytes.count {
                    let count = write(writingEnd, bytes.baseAddress! + written, bytes.count - written)
                    if count <= 0 { return }
                    written += count
                }
            }
        }.start()
        final class Outcome: @unchecked Sendable { var error: Error? }
        let outcome = Outcome()
        let reader = try reader(for: path)
        let done = DispatchSemaphore(value: 0)
        Thread {
            do { _ = try reader.run { _ in throw StoreFailed() } } catch { outcome.error = error }
            done.signal()
        }.start()
        // Not a speed check: a reader that waits for input would still be waiting after any bound.
        let finished = done.wait(timeout: .now() + 30) == .success
        #expect(finished, "the reader still waits on a pipe that has gone quiet")
        close(writingEnd) // ends the pipe, so a reader still waiting finishes before the test does
        if !finished { done.wait() }
        reader.close()
        #expect(outcome.error is StoreFailed)
    }

    @Test func aReadingErrorArrivesAfterTheLinesBeforeIt() throws {
        // --kind responses on a CSV file: the header line stops the reader.
        let path = try folder.write("log.csv", "\n\ntimestamp,orgId,endpoint,httpStatus\n")
        var options = IngestOptions()
        options.forcedKind = .responses
        let reader = try reader(for: path, options: options)
        defer { reader.close() }
        var blanks = 0
        #expect(throws: IngestError.self) {
            _ = try reader.run { batch in blanks += batch.verdicts.count }
        }
        #expect(blanks == 2)
    }
}

/// The bounded hand-over between the two threads.
struct VerdictPipeTests {
    private func batch(_ bytes: Int) -> VerdictPipe.Batch {
        VerdictPipe.Batch(verdicts: [.blank], bytesRead: bytes)
    }

    @Test func batchesComeOutInTheOrderTheyWentIn() throws {
        let pipe = VerdictPipe(capacity: 4)
        for bytes in 1...4 { try pipe.send(batch(bytes)) }
        pipe.finish()
        var received: [Int] = []
        while let next = try pipe.receive() { received.append(next.bytesRead) }
        #expect(received == [1, 2, 3, 4])
    }

    @Test func aCancelledPipeRefusesMoreBatches() throws {
        let pipe = VerdictPipe(capacity: 1)
        try pipe.send(batch(1))
        pipe.cancel()
        #expect(throws: VerdictPipe.Cancelled.self) { try pipe.send(batch(2)) }
    }

    /// Long lines travel one per batch; a count of batches alone let 16 of them wait at once.
    @Test func batchesOverTheByteBudgetWaitUntilTheWriterTakesOne() throws {
        let pipe = VerdictPipe(capacity: 16, byteBudget: 100)
        var big = batch(1)
        big.byteCount = 60
        try pipe.send(big) // alone: it goes in whatever its size
        var next = big
        next.bytesRead = 2
        let following = next
        let second = DispatchSemaphore(value: 0)
        Thread {
            try? pipe.send(following)
            second.signal()
        }.start()
        #expect(second.wait(timeout: .now() + 0.5) == .timedOut, "60 + 60 bytes is over the budget of 100: the second batch waits")
        #expect(try pipe.receive()?.bytesRead == 1)
        #expect(second.wait(timeout: .now() + 10) == .success, "once the first is taken, the second goes in")
        #expect(try pipe.receive()?.bytesRead == 2)
    }

    struct ReaderFailed: Error {}

    @Test func theReadersErrorComesAfterItsBatches() throws {
        let pipe = VerdictPipe(capacity: 2)
        try pipe.send(batch(1))
        pipe.finish(throwing: ReaderFailed())
        #expect(try pipe.receive()?.bytesRead == 1)
        #expect(throws: ReaderFailed.self) { _ = try pipe.receive() }
    }
}
