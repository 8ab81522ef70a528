import Foundation
import Testing
@testable import AxisLedger

/// The check that tells a log that only grew since its last ingest from one
/// that changed: the SHA-256 of the file's first N bytes against the one
/// recorded for the N bytes ingested, and where reading goes on.
struct PrefixCheckTests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
    }

    private func recorded(_ text: String, format: InputFormat = .jsonl) -> PrefixCheck.Recorded {
        .init(ingestedBytes: text.utf8.count, sha256: SHA256.hex(SHA256.hash(Array(text.utf8))), format: format)
    }

    private func check(file text: String, ingested: String, format: InputFormat = .jsonl) throws -> PrefixCheck.Outcome {
        let path = try folder.write("log.jsonl", text)
        return try PrefixCheck(path: path, recorded: recorded(ingested, format: format)).run()
    }

    private func resume(_ outcome: PrefixCheck.Outcome) -> ResumePoint? {
        if case .grown(let point) = outcome { return point }
        Issue.record("expected grown, got \(outcome)")
        return nil
    }

    @Test func aLogThatOnlyGrewIsReadOnAfterItsLastLine() throws {
        let before = "a\nb\nc\n"
        let point = try #require(resume(try check(file: before + "d\ne\n", ingested: before)))
        #expect((point.byteOffset, point.firstLine, point.rereadsCutLine) == (6, 4, false))
        #expect(point.hashedSoFar?.finalize() == SHA256.hash(Array(before.utf8)), "the part's digest goes on from the bytes before it")
    }

    @Test func aChangeInTheMiddleIsChangedWhateverTheSize() throws {
        #expect(try check(file: "a\nX\nc\nd\n", ingested: "a\nb\nc\n") == .changed)
        #expect(try check(file: "a\nb\nC\n", ingested: "a\nb\nc\n") == .changed, "same size, other bytes")
    }

    @Test func aShorterFileWasTruncatedOrRotated() throws {
        #expect(try check(file: "x\n", ingested: "a\nb\nc\n") == .shorter(sizeNow: 2))
        #expect(try check(file: "", ingested: "a\n") == .shorter(sizeNow: 0))
    }

    @Test func aLastLineThatHadNoLineEndingAndGotOnlyThatIsNotReadAgain() throws {
        let before = "a\nb\nlast"
        let point = try #require(resume(try check(file: before + "\nnext\n", ingested: before)))
        #expect((point.byteOffset, point.firstLine, point.rereadsCutLine, point.endedLineAfterwards) == (9, 4, false, true))
        #expect(point.hashedSoFar?.finalize() == SHA256.hash(Array((before + "\n").utf8)))
        let crlf = try #require(resume(try check(file: before + "\r\nnext\r\n", ingested: before)))
        #expect((crlf.byteOffset, crlf.firstLine, crlf.rereadsCutLine) == (10, 4, false), "CR LF ends it too")
    }

    @Test func aLastLineCutWhileItWasWrittenIsReadAgainWholeUnderItsOwnNumber() throws {
        let before = "a\nb\n{\"cut"
        let point = try #require(resume(try check(file: before + " here\"}\nnext\n", ingested: before)))
        #expect((point.byteOffset, point.firstLine, point.rereadsCutLine) == (4, 3, true))
        #expect(point.hashedSoFar?.finalize() == SHA256.hash(Array("a\nb\n".utf8)), "hashed up to the start of the cut line")
    }

    @Test func aFileOfOneCutLineIsReadAgainFromByteZero() throws {
        let point = try #require(resume(try check(file: "{\"a\":1}\n", ingested: "{\"a\"")))
        #expect((point.byteOffset, point.firstLine, point.rereadsCutLine) == (0, 1, true))
        #expect(point.hashedSoFar?.finalize() == SHA256().finalize())
    }

    @Test func lineFeedsAreCountedAcrossChunks() throws {
        // Over 1 MiB, so the scan reads more than one chunk.
        let line = String(repeating: "x", count: 999) + "\n"
        let before = String(repeating: line, count: 1500)
        let point = try #require(resume(try check(file: before + "new\n", ingested: before)))
        #expect((point.byteOffset, point.firstLine) == (before.utf8.count, 1501))
        #expect(point.hashedSoFar?.finalize() == SHA256.hash(Array(before.utf8)))
        let cut = before + "partial"
        let again = try #require(resume(try check(file: cut + " line\n", ingested: cut)))
        #expect((again.byteOffset, again.firstLine, again.rereadsCutLine) == (before.utf8.count, 1501, true))
    }

    @Test func aCSVRecordStillOpenInAQuotedFieldCannotBeContinued() throws {
        let header = SampleLines.csvHeader + "\n"
        let open = header + "2026-10-03T10:15:20.000Z,org,\"/v1/generate-image\n"
        guard case .cannotContinue(let why) = try check(file: open + "\",200,POST,k,r,1,,59\n", ingested: open, format: .csv) else {
            Issue.record("expected cannotContinue")
            return
        }
        #expect(why.contains("quoted field"))
        let closed = header + SampleLines.csvAttempt() + "\n"
        #expect(resume(try check(file: closed + SampleLines.csvAttempt(request: "r2") + "\n", ingested: closed, format: .csv))?.firstLine == 3)
        // The same quotes in a JSON line mean nothing.
        let json = "{\"a\":\"\\\"\"}\n"
        #expect(resume(try check(file: json + "{}\n", ingested: json))?.firstLine == 2)
    }
}
