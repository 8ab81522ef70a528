import Foundation
import Testing

struct IngestCommandTests: LedgerFolderTest {
    let folder: URL

    init() throws {
        folder = try Self.makeFolder("axis-e2e")
    }

    private let good = #"{"timestamp":"2026-10-03T10:15:22.120Z","orgId":"org_acme","endpoint":"/v1/generate-image","httpStatus":200,"idempotencyKey":"k1","response":{"success":true,"generationId":"gen_1"}}"#

    @Test func ingestPrintsASummaryPerFileAndKeepsStderrQuiet() throws {
        let path = try write("responses.jsonl", good + "\n{bad\n\n")
        let result = try CommandRunner.run(["ingest", "--db", db, path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\(path): 3 lines, 1 accepted, 0 duplicates, 1 rejected, 1 blank"))
        #expect(result.stdout.contains("line 2: "))
        #expect(result.stderr.isEmpty, "no progress bar when stderr is not a terminal")
    }

    @Test func standardInputIsReadForADash() throws {
        let result = try CommandRunner.run(["ingest", "--db", db, "-"], stdin: Data((good + "\n").utf8))
        #expect(result.status == 0)
        #expect(result.stdout.contains("-: 1 line, 1 accepted"))
        let again = try CommandRunner.run(["ingest", "--db", db, "-"], stdin: Data((good + "\n").utf8))
        #expect(again.status == 0)
        #expect(again.stdout.contains("already ingested"))
    }

    @Test func aMissingFileExitsOneNamingItButOtherFilesAreIngested() throws {
        let path = try write("ok.jsonl", good + "\n")
        let missing = folder.appendingPathComponent("nope.jsonl").path
        let result = try CommandRunner.run(["ingest", "--db", db, missing, path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(missing): cannot read"))
        #expect(result.stdout.contains("\(path): 1 line, 1 accepted"))
    }

    @Test func strictExitsNonZeroAndCommitsNothing() throws {
        let path = try write("bad.jsonl", good + "\n{bad\n")
        let result = try CommandRunner.run(["ingest", "--db", db, "--strict", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("refused under --strict"))
        let after = try CommandRunner.run(["ingest", "--db", db, path])
        #expect(after.stdout.contains("1 accepted"), "the refused file was not recorded as ingested")
    }

    @Test func noFilesIsAUsageError() throws {
        let result = try CommandRunner.run(["ingest", "--db", db])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Missing expected argument"))
    }

    /// 18 MiB of blank lines (quick to ingest once allowed), gzip-compressed about 370 times.
    private func gzipBomb() throws -> String {
        let path = folder.appendingPathComponent("bomb.jsonl").path
        try Data(repeating: 0, count: 0).write(to: URL(fileURLWithPath: path))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let block = Data((String(repeating: " ", count: 1023) + "\n").utf8)
        for _ in 0..<(18 << 10) { handle.write(block) }
        try handle.close()
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-9f", path]
        try gzip.run()
        gzip.waitUntilExit()
        return path + ".gz"
    }

    @Test func aGzipBombIsRefusedWithWhatToDoAndMaxGzipRatioLetsItIn() throws {
        let bomb = try gzipBomb()
        let refused = try CommandRunner.run(["ingest", "--db", db, bomb])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(bomb): refused: it expands"), "\(refused.stderr)")
        #expect(refused.stderr.contains("over the limit of 200 times"))
        #expect(refused.stderr.contains("--max-gzip-ratio"))
        let allowed = try CommandRunner.run(["ingest", "--db", db, "--max-gzip-ratio", "5000", bomb])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.contains("18432 lines, 0 accepted, 0 duplicates, 0 rejected, 18432 blank"), "\(allowed.stdout)")
    }

    @Test func maxGzipRatioBelowOneIsAUsageError() throws {
        let result = try CommandRunner.run(["ingest", "--db", db, "--max-gzip-ratio", "0", "x.jsonl"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--max-gzip-ratio must be"))
    }
}
