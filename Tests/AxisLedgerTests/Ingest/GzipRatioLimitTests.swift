import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// A gzip file that expands far more than any log does (a "gzip bomb") is
/// refused before it can hold the ledger's write lock for minutes.
struct GzipRatioLimitTests {
    let folder: TemporaryDirectory
    let ledger: LedgerDatabase

    init() throws {
        folder = try TemporaryDirectory()
        ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
    }

    /// `header` if any, then `count` copies of `line`, each with a line feed, gzip-compressed.
    private func compressed(_ name: String, header: String? = nil, line: String, count: Int) throws -> String {
        let one = Array((line + "\n").utf8)
        var bytes: [UInt8] = header.map { Array(($0 + "\n").utf8) } ?? []
        bytes.reserveCapacity(one.count * count)
        for _ in 0..<count { bytes += one }
        let plain = try folder.write(name, bytes: bytes)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-f", plain]
        try process.run()
        process.waitUntilExit()
        return plain + ".gz"
    }

    private func count(_ table: String) throws -> Int {
        try ledger.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    @Test func aGzipBombIsRefusedNamingTheFileTheRatioTheLimitAndWhatToDo() throws {
        // 24 MiB of blank lines compress to about 24 KB.
        let bomb = try compressed("bomb.jsonl", line: String(repeating: " ", count: 1023), count: 24 * 1024)
        let report = Ingestor(ledger: ledger).ingest(path: bomb)
        guard case .refused(let error) = report.outcome else {
            Issue.record("expected a refusal, got \(report.outcome) (\(report.linesRead) lines)")
            return
        }
        let message = error.description
        #expect(message.hasPrefix(bomb + ": "))
        #expect(message.contains("expands"))
        #expect(message.contains("over the limit of 200"))
        #expect(message.contains("--max-gzip-ratio"))
        #expect(message.contains("nothing of it was ingested"))
        #expect(try count("ingested_files") == 0)
        #expect(try count("rejected_lines") == 0)
    }

    /// The check looks at the output after its first MiB here instead of 16, so each bomb is small.
    private static func quickly(_ limit: GzipExpansionLimit = GzipExpansionLimit()) -> IngestOptions {
        var options = IngestOptions()
        options.gzipExpansionLimit = limit
        options.gzipExpansionLimit.checkedAfterBytes = 1 << 20
        return options
    }

    static let bombShapes: [(name: String, line: String, count: Int)] = [
        ("empty objects, the bomb of issue 11", "{}", 1_500_000),
        ("one bad line repeated", "{\"orgId\":", 400_000),
        ("one good record repeated", SampleLines.success(), 10_000),
        ("CSV rows repeated, after the header", SampleLines.csvAttempt(), 60_000),
    ]

    @Test(arguments: bombShapes)
    func aBombOfAnyShapeIsRefusedWholeOnceItsOutputPassesTheCheckedSize(bomb: (name: String, line: String, count: Int)) throws {
        let name = bomb.name.contains("CSV") ? "bomb.csv" : "bomb.jsonl"
        let path = try compressed(name, header: name.hasSuffix(".csv") ? SampleLines.csvHeader : nil, line: bomb.line, count: bomb.count)
        let report = Ingestor(ledger: ledger, options: Self.quickly()).ingest(path: path)
        guard case .refused(.gzipExpansion(let shown, let ratio, let limit, _, _)) = report.outcome else {
            Issue.record("\(bomb.name): expected a gzip-bomb refusal, got \(report.outcome)")
            return
        }
        #expect(shown == path)
        #expect(ratio > 200)
        #expect(limit == GzipExpansionLimit.defaultMaximumRatio)
        #expect(try count("ingested_files") == 0)
        #expect(try count("response_records") + count("request_attempts") + count("rejected_lines") == 0, "nothing of it is stored")
    }

    @Test func aRealMonthOfLogsIsFarBelowTheLimit() throws {
        let sample = try SampleGenerator(configuration: SampleConfiguration(records: 20_000)).write(to: folder.url)
        for file in [sample.responsesFile.path, sample.requestsFile.path] {
            let gz = try compressed(copyOf: file)
            let report = Ingestor(ledger: ledger, options: Self.quickly()).ingest(path: gz)
            #expect(report.outcome == .ingested, "\(file)")
            #expect(report.linesRead > 0)
        }
    }

    @Test func aHigherLimitLetsAGenuineHighlyRepetitiveFileIn() throws {
        let path = try compressed("repetitive.jsonl", line: "{}", count: 400_000)
        let report = Ingestor(ledger: ledger, options: Self.quickly(GzipExpansionLimit(maximumRatio: 5000))).ingest(path: path)
        #expect(report.outcome == .ingested)
        #expect((report.linesRead, report.rejected) == (400_000, 400_000))
    }

    @Test func theLimitIsNotCheckedBeforeTheCheckedSize() throws {
        // 900 KiB of one line repeated: over 200 times, but under the first MiB.
        let path = try compressed("small.jsonl", line: String(repeating: " ", count: 1023), count: 900)
        #expect(Ingestor(ledger: ledger, options: Self.quickly()).ingest(path: path).outcome == .ingested)
    }

    private func compressed(copyOf file: String) throws -> String {
        let copy = folder.path("copy-" + URL(fileURLWithPath: file).lastPathComponent)
        try FileManager.default.copyItem(atPath: file, toPath: copy)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-f", copy]
        try process.run()
        process.waitUntilExit()
        return copy + ".gz"
    }
}
