import Foundation
import Testing

/// `axis-ledger verify` and `verify --quick`, run as a person would.
struct VerifyCommandTests {
    final class Ledger {
        let folder: URL
        var path: String { folder.appendingPathComponent("ledger.sqlite").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("axis-verify-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("october.jsonl")
            try Data("""
                {"timestamp":"2026-10-03T10:15:22.120Z","orgId":"org_acme","endpoint":"/v2/cinematic-image","httpStatus":200,"response":{"success":true,"generationId":"gen_1"}}
                {bad

                """.utf8).write(to: file)
            let ingest = try CommandRunner.run(["ingest", "--db", path, file.path])
            #expect(ingest.status == 0, "\(ingest.stderr)")
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    @Test func quickPrintsItsThreeChecksAndNothingOnStandardErrorWhenNotATerminal() throws {
        let ledger = try Ledger()
        let result = try CommandRunner.run(["verify", "--quick", "--db", ledger.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "ok   SQLite quick_check\nok   each ingested file's counts match its stored lines\nok   no void left half done\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func theFullVerifyPrintsNineChecks() throws {
        let ledger = try Ledger()
        let result = try CommandRunner.run(["verify", "--db", ledger.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 9)
        #expect(result.stdout.hasPrefix("ok   SQLite integrity_check\n"))
    }

    /// On a terminal each check is named on standard error as it starts, then the line is cleared.
    @Test func onATerminalEachCheckIsShownAsItStarts() throws {
        let ledger = try Ledger()
        let printed = try PseudoTerminal.run(columns: 200, ["verify", "--db", ledger.path])
        #expect(printed.contains("\rverify [1/9] SQLite integrity_check…"), "\(printed.debugDescription)")
        #expect(printed.contains("\rverify [9/9] closed months and changes since close…"))
        #expect(printed.contains("ok   billed generations agree"))
    }
}
