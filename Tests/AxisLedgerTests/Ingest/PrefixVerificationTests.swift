import Foundation
import Testing
@testable import AxisLedger

/// A grown JSON Lines log planned from the bytes around its recorded end
/// (``PrefixBoundary``) and checked while its new part is read
/// (``PrefixVerification``) must read on from exactly where the full check
/// (``PrefixCheck``) would, and end with the digest of every byte from 0.
struct PrefixVerificationTests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
    }

    /// The last line number an ingest of exactly these bytes records, as ``LineReader`` counts.
    private func lastLine(of bytes: [UInt8]) throws -> Int {
        let path = try folder.write("prefix.jsonl", bytes: bytes)
        var lines = LineReader(source: try RawInput(path: path), chunkSize: 7)
        defer { lines.close() }
        while try lines.next() != nil {}
        return lines.lastLineNumber
    }

    private func recorded(_ bytes: [UInt8]) -> PrefixCheck.Recorded {
        .init(ingestedBytes: bytes.count, sha256: SHA256.hex(SHA256.hash(bytes)), format: .jsonl)
    }

    /// Runs a verification of `path` planned at `resume`, feeding it the bytes from there on in chunks of `chunk`.
    private func verify(_ path: String, _ file: [UInt8], expected: PrefixVerification.Expected, chunk: Int,
                        pendingLimit: Int = 32 << 20) -> PrefixVerification.Verdict {
        let check = PrefixVerification(path: path, expected: expected, pendingLimit: pendingLimit)
        check.start()
        var at = expected.resumeOffset
        while at < file.count {
            let end = min(file.count, at + chunk)
            file[at..<end].withUnsafeBytes { check.feed($0) }
            at = end
        }
        return check.finish()
    }

    /// Random lines: short and long, blank, CR LF or LF, the last one with or without an ending.
    private func randomLog(_ random: inout SeededGenerator) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 1...12, using: &random) {
            let length = [0, 1, 3, 20, 200].randomElement(using: &random)!
            bytes += (0..<length).map { _ in UInt8.random(in: 0x61...0x7A, using: &random) }
            switch Int.random(in: 0..<4, using: &random) {
            case 0: bytes += [0x0D, 0x0A]
            case 1: bytes += [0x0D]  // a lone CR inside a line
            default: bytes += [0x0A]
            }
        }
        return bytes
    }

    @Test(arguments: 0..<40)
    func theBoundaryPlansWhatTheFullCheckPlansAndTheDigestIsOfEveryByte(seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed))
        let file = randomLog(&random)
        guard file.count > 1 else { return }
        let path = try folder.write("log.jsonl", bytes: file)
        // Every place an earlier ingest could have stopped at, within the file.
        for n in 1..<file.count {
            let before = Array(file[..<n])
            let last = try lastLine(of: before)
            let full = try PrefixCheck(path: path, recorded: recorded(before)).run()
            let planned = try PrefixBoundary(path: path, recorded: recorded(before), lastLine: last).run()
            guard case .grown(let fromCheck) = full, case .grown(let fromBoundary) = planned else {
                Issue.record("seed \(seed), n \(n): check \(full), boundary \(planned)")
                continue
            }
            #expect(fromBoundary.hashedSoFar == nil)
            var withoutHash = fromCheck
            withoutHash.hashedSoFar = nil
            #expect(fromBoundary == withoutHash, "seed \(seed), n \(n)")
            let expected = PrefixVerification.Expected(recorded: recorded(before), resume: fromBoundary)
            let verdict = verify(path, file, expected: expected, chunk: Int.random(in: 1...9, using: &random))
            #expect(verdict == .verified(sha256: SHA256.hex(SHA256.hash(file))), "seed \(seed), n \(n)")
            var continued = try #require(fromCheck.hashedSoFar)
            continued.update(file[fromCheck.byteOffset...])
            #expect(continued.finalize() == SHA256.hash(file), "the full check's state goes on to the same digest")
        }
    }

    /// The plan the ingest of `path` makes now, after it was ingested with `first` in it.
    private func plan(_ name: String, first: String, grown: String, checksWhileReading: Bool = true) throws -> ReadPlan {
        let ledger = try LedgerDatabase(path: folder.path("\(name).sqlite"))
        let path = try folder.write(name, first)
        #expect(Ingestor(ledger: ledger).ingest(path: path).accepted == 1)
        try folder.write(name, first + grown)
        var planner = ReadPlanner(path: path, named: InputPath(given: path, ledgerPath: ledger.path), options: IngestOptions())
        planner.checksWhileReading = checksWhileReading
        return try ledger.queue.read { db in try planner.plan(db) }
    }

    @Test func aGrownJSONLinesLogIsCheckedWhileReadAndACSVLogFirst() throws {
        let json = try plan("log.jsonl", first: SampleLines.success(generation: "g1") + "\n", grown: SampleLines.success(generation: "g2") + "\n")
        #expect(json.resume?.hashedSoFar == nil && json.verification?.lineFeeds == 1 && json.resume?.firstLine == 2)
        let first = try plan("first.jsonl", first: SampleLines.success(generation: "g1") + "\n", grown: SampleLines.success(generation: "g2") + "\n",
                             checksWhileReading: false)
        #expect(first.resume?.hashedSoFar != nil && first.verification == nil && first.resume?.firstLine == 2)
        let csv = try plan("log.csv", first: SampleLines.csvHeader + "\n" + SampleLines.csvAttempt() + "\n",
                           grown: SampleLines.csvAttempt(request: "r2") + "\n")
        #expect(csv.resume?.hashedSoFar != nil && csv.verification == nil, "a CSV log's quotes are counted from its first byte")
    }

    @Test func aShorterOrSameSizeFileIsNotPlannedAsGrown() throws {
        let path = try folder.write("log.jsonl", "a\n")
        #expect(try PrefixBoundary(path: path, recorded: recorded(Array("a\nb\n".utf8)), lastLine: 2).run() == .shorter(sizeNow: 2))
        #expect(try PrefixBoundary(path: path, recorded: recorded(Array("b\n".utf8)), lastLine: 1).run() == .changed)
    }

    @Test func aChangeInTheMiddleFailsTheCheckAndWhatFollowsIsDropped() throws {
        let before = Array("a\nb\nc\n".utf8)
        let file = Array("a\nX\nc\nd\ne\n".utf8)
        let path = try folder.write("log.jsonl", bytes: file)
        guard case .grown(let point) = try PrefixBoundary(path: path, recorded: recorded(before), lastLine: 3).run() else {
            Issue.record("expected grown")
            return
        }
        let expected = PrefixVerification.Expected(recorded: recorded(before), resume: point)
        // A pending limit of one byte: feeding would wait forever if a failed check did not drop what it is given.
        #expect(verify(path, file, expected: expected, chunk: 1, pendingLimit: 1) == .failed("its first 6 bytes are not the bytes read then"))
    }

    @Test func aLineCountThatIsNotTheFilesFailsTheCheck() throws {
        let before = Array("a\nb\n".utf8)
        let file = before + Array("c\n".utf8)
        let path = try folder.write("log.jsonl", bytes: file)
        var expected = PrefixVerification.Expected(
            recorded: recorded(before), resume: ResumePoint(byteOffset: 4, firstLine: 3, hashedSoFar: nil, rereadsCutLine: false))
        #expect(verify(path, file, expected: expected, chunk: 2) == .verified(sha256: SHA256.hex(SHA256.hash(file))))
        expected.lineFeeds = 3
        guard case .failed(let why) = verify(path, file, expected: expected, chunk: 2) else {
            Issue.record("expected failed")
            return
        }
        #expect(why.contains("2 line feeds, not the 3 planned"))
    }

    @Test func feedingPastThePendingLimitWaitsAndLosesNothing() throws {
        // A prefix over a few MiB keeps the check's thread busy while the new part is fed byte by byte.
        let line = String(repeating: "x", count: 4095) + "\n"
        let before = Array(String(repeating: line, count: 1024).utf8)
        let part = Array((1...2000).map { "line \($0)\n" }.joined().utf8)
        let file = before + part
        let path = try folder.write("log.jsonl", bytes: file)
        let expected = PrefixVerification.Expected(
            recorded: recorded(before), resume: ResumePoint(byteOffset: before.count, firstLine: 1025, hashedSoFar: nil, rereadsCutLine: false))
        #expect(verify(path, file, expected: expected, chunk: 3, pendingLimit: 64) == .verified(sha256: SHA256.hex(SHA256.hash(file))))
    }

    @Test func aCancelledCheckEndsItsThreadAndSaysSo() throws {
        let before = Array(String(repeating: "y\n", count: 1 << 20).utf8)
        let path = try folder.write("log.jsonl", bytes: before + Array("z\n".utf8))
        let check = PrefixVerification(path: path, expected: .init(
            recorded: recorded(before), resume: ResumePoint(byteOffset: before.count, firstLine: 1 << 20 + 1, hashedSoFar: nil, rereadsCutLine: false)))
        check.start()
        check.cancel()
        #expect(check.finish() == .failed("cancelled"), "a cancelled check verifies nothing, however far it got")
    }
}
