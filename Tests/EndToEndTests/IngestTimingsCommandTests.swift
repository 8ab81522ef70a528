import Foundation
import Testing

/// `ingest --timings`: the time of each phase on standard error (or in the
/// JSON line), the summary on standard output as without it.
struct IngestTimingsCommandTests: LedgerFolderTest {
    let folder: URL

    init() throws {
        folder = try Self.makeFolder("axis-timings")
    }

    private func lines(_ count: Int) -> String {
        (1...count).map {
            #"{"timestamp":"2026-10-03T10:15:22.120Z","orgId":"org_acme","endpoint":"/v1/generate-image","httpStatus":200,"idempotencyKey":"k\#($0)","response":{"success":true,"generationId":"gen_\#($0)"}}"#
        }.joined(separator: "\n") + "\n"
    }

    @Test func timingsGoToStandardErrorAfterEachFileAndLeaveTheSummaryAlone() throws {
        let file = try write("a.jsonl", lines(50))
        let other = try write("b.jsonl", lines(60))
        let plain = try CommandRunner.run(["ingest", "--db", folder.appendingPathComponent("plain.sqlite").path, file, other])
        let timed = try CommandRunner.run(["ingest", "--db", db, "--timings", file, other])
        #expect(timed.status == 0, "\(timed.stderr)")
        #expect(timed.stdout == plain.stdout)
        let shown = timed.stderr.split(separator: "\n").map(String.init)
        let titles = ["read and store the lines", "fill the id lookup", "apply billing rule 2", "lock, commit and checkpoint", "in all"]
        for (index, path) in [file, other].enumerated() {
            let block = Array(shown.dropFirst(index * 6).prefix(6))
            #expect(block.first == "\(path): time by phase (pages: read into SQLite's page cache, written out of it)", "\(shown)")
            for (line, title) in zip(block.dropFirst(), titles) {
                #expect(line.hasPrefix("  \(title) "), "\(line)")
                #expect(line.contains(try #require(try Regex(#"\d+\.\d\d s"#))), "\(line)")
            }
        }
        #expect(shown.count == 12, "\(shown)")
    }

    @Test func withJSONEachLineHasTheTimingsOfItsPhases() throws {
        let file = try write("a.jsonl", lines(20))
        let result = try CommandRunner.run(["ingest", "--db", db, "--timings", "--format", "json", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "the timings are in the JSON line, not on standard error")
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let timings = try #require(object["timings"] as? [[String: Any]])
        #expect(timings.map { $0["phase"] as? String } == ["lines", "id_lookup", "billing", "commit"])
        for timing in timings {
            #expect((timing["seconds"] as? Double).map { $0 >= 0 } == true, "\(timing)")
            #expect((timing["pages_read"] as? Int).map { $0 >= 0 } == true, "\(timing)")
            #expect((timing["pages_written"] as? Int).map { $0 >= 0 } == true, "\(timing)")
        }
        let without = try CommandRunner.run(["ingest", "--db", db, "--format", "json", try write("b.jsonl", lines(5))])
        let plain = try #require(JSONSerialization.jsonObject(with: Data(without.stdout.utf8)) as? [String: Any])
        #expect(plain["timings"] == nil, "without --timings the JSON line is as before")
    }
}
