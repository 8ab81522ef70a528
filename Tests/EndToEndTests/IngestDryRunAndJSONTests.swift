import Foundation
import Testing

/// Issue 15, items 2 and 6: `ingest --dry-run` counts as a real ingest and
/// commits nothing; `--format json` of ingest, verify and pricing check.
struct IngestDryRunAndJSONTests: LedgerFolderTest {
    let folder: URL

    init() throws {
        folder = try Self.makeFolder("axis-dry")
    }

    private func line(_ key: String, _ generation: String) -> String {
        #"{"timestamp":"2026-10-03T10:15:22.120Z","orgId":"org_acme","endpoint":"/v1/generate-image","httpStatus":200,"idempotencyKey":"\#(key)","response":{"success":true,"generationId":"\#(generation)"}}"#
    }

    private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    private func jsonObjects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func aDryRunCountsLikeARealIngestAndLeavesTheLedgerByteIdentical() throws {
        let first = try write("a.jsonl", line("k1", "gen_1") + "\n" + line("k2", "gen_2") + "\n")
        #expect(try CommandRunner.run(["ingest", "--db", db, first]).status == 0)
        // Overlaps the ledger (k2), repeats itself (k3 twice), one new, a bad line and a blank one.
        let second = try write("b.jsonl", [line("k2", "gen_2"), line("k3", "gen_3"), line("k3", "gen_3"), "{bad", "", line("k4", "gen_4")].joined(separator: "\n") + "\n")
        let before = try bytes(db)
        let dry = try CommandRunner.run(["ingest", "--db", db, "--dry-run", second])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.hasPrefix("\(second): 6 lines, 2 accepted, 2 duplicates, 1 rejected, 1 blank\n  line 4: "), "\(dry.stdout)")
        #expect(dry.stdout.hasSuffix("dry run: nothing was committed to \(db)\n"))
        #expect(try bytes(db) == before, "the ledger file is byte-identical after a dry run")
        let files = try CommandRunner.run(["sql", "--db", db, "--format", "csv", "SELECT count(*) AS n FROM ingested_files"])
        #expect(files.stdout == "n\r\n1\r\n")
        // The real ingest then says exactly what the dry run said.
        let real = try CommandRunner.run(["ingest", "--db", db, second])
        #expect(real.stdout == dry.stdout.replacingOccurrences(of: "dry run: nothing was committed to \(db)\n", with: ""))
        let again = try CommandRunner.run(["ingest", "--db", db, "--dry-run", second])
        #expect(again.stdout.contains("already ingested (same SHA-256 as b.jsonl"), "\(again.stdout)")
    }

    @Test func aDryRunAgainstNoLedgerCreatesNone() throws {
        let file = try write("a.jsonl", line("k1", "gen_1") + "\n")
        let result = try CommandRunner.run(["ingest", "--db", db, "--dry-run", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("\(file): 1 line, 1 accepted, 0 duplicates, 0 rejected\n"))
        #expect(!FileManager.default.fileExists(atPath: db), "a dry run creates no ledger")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.jsonl"])
    }

    @Test func ingestJSONIsOneObjectPerFileWithCountsDigestAndFirstRejects() throws {
        let good = try write("good.jsonl", line("k1", "gen_1") + "\n{bad\n" + line("k1", "gen_1") + "\n")
        let missing = folder.appendingPathComponent("missing.jsonl").path
        let result = try CommandRunner.run(["ingest", "--db", db, "--format", "json", good, missing, good])
        #expect(result.status == 1, "a missing file still fails the command")
        let objects = try jsonObjects(result.stdout)
        #expect(objects.count == 3)
        let first = objects[0]
        #expect(first["schema"] as? String == "axis-ledger/ingest/1")
        #expect(first["path"] as? String == good)
        #expect(first["outcome"] as? String == "ingested")
        #expect(first["dry_run"] as? Bool == false)
        #expect(first["lines_read"] as? Int == 3)
        #expect(first["accepted"] as? Int == 1)
        #expect(first["duplicates"] as? Int == 1)
        #expect(first["rejected"] as? Int == 1)
        let digest = try #require(first["sha256"] as? String)
        #expect(digest.count == 64 && digest.allSatisfy(\.isHexDigit), "the full SHA-256")
        let sql = try CommandRunner.run(["sql", "--db", db, "--format", "csv", "SELECT sha256 FROM ingested_files"])
        #expect(sql.stdout == "sha256\r\n\(digest)\r\n")
        let rejects = try #require(first["first_rejects"] as? [[String: Any]])
        #expect(rejects.count == 1)
        #expect(rejects.first?["line"] as? Int == 2)
        #expect((rejects.first?["reason"] as? String)?.hasPrefix("not valid JSON") == true)
        #expect(objects[1]["outcome"] as? String == "refused")
        #expect((objects[1]["error"] as? String)?.hasPrefix("\(missing): ") == true)
        #expect(objects[1]["sha256"] == nil)
        #expect(objects[2]["outcome"] as? String == "already_ingested")
        #expect(objects[2]["already_ingested_as"] as? String == "good.jsonl")
        #expect(objects[2]["sha256"] as? String == digest)
        #expect(result.stderr.contains("\(missing): "), "people still read the refusal on standard error")
    }

    @Test func verifyJSONListsEveryCheck() throws {
        _ = try CommandRunner.run(["ingest", "--db", db, try write("a.jsonl", line("k1", "gen_1") + "\n")])
        let result = try CommandRunner.run(["verify", "--db", db, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try jsonObjects(result.stdout).first)
        #expect(object["schema"] as? String == "axis-ledger/verify/1")
        #expect(object["passed"] as? Bool == true)
        let checks = try #require(object["checks"] as? [[String: Any]])
        let text = try CommandRunner.run(["verify", "--db", db])
        #expect(checks.count == text.stdout.split(separator: "\n").filter { $0.hasPrefix("ok") || $0.hasPrefix("FAIL") }.count)
        #expect(checks.allSatisfy { $0["passed"] as? Bool == true && ($0["problems"] as? [String])?.isEmpty == true })
    }

    @Test func pricingCheckJSONGivesTheVerdictAndEveryProblem() throws {
        let bad = try write("bad.yaml", "currency: USD\nplans:\n  p:\n    v1:\n      unitPrice: -1\n")
        let result = try CommandRunner.run(["pricing", "check", "--format", "json", bad])
        #expect(result.status == 1)
        let object = try #require(try jsonObjects(result.stdout).first)
        #expect(object["schema"] as? String == "axis-ledger/pricing-check/1")
        #expect(object["valid"] as? Bool == false)
        let problems = try #require(object["problems"] as? [[String: Any]])
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { ($0["text"] as? String)?.hasPrefix(bad) == true })
        #expect(problems.contains { $0["line"] as? Int == 5 && ($0["key_path"] as? String)?.hasPrefix("plans.p.v1") == true }, "\(problems)")
        let good = try CommandRunner.run(["pricing", "check", "--format", "json", URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/pricing.example.yaml").path])
        #expect(good.status == 0, "\(good.stderr)")
        let valid = try #require(try jsonObjects(good.stdout).first)
        #expect(valid["valid"] as? Bool == true)
        #expect(valid["currency"] as? String == "USD")
        #expect(valid["plans"] as? [String] == ["growth", "standard"])
    }
}
