import Foundation
import Testing
@testable import AxisLedger

/// One stable recorded form of a file's path, whatever the command line said,
/// and secrets redacted in every form (docs/schema.md, "Recorded paths").
struct InputPathTests {
    static let ledger = "/data/ledger/ledger.sqlite"

    /// (path as given, working directory, recorded form)
    static let recordedForms: [(given: String, workingDirectory: String, recorded: String)] = [
        ("/data/ledger/logs/a.jsonl", "/", "logs/a.jsonl"),
        ("logs/a.jsonl", "/data/ledger", "logs/a.jsonl"),
        ("./a.jsonl", "/data/ledger/logs", "logs/a.jsonl"),
        ("../../ledger/logs/./a.jsonl", "/data/ledger/logs", "logs/a.jsonl"),
        ("a.jsonl", "/data/ledger", "a.jsonl"),
        ("/var/log/axis/a.jsonl.gz", "/data/ledger", "a.jsonl.gz"),
        ("../a.jsonl", "/data/ledger", "a.jsonl"),
        ("/data/ledger-other/a.jsonl", "/", "a.jsonl"),
        ("-", "/data/ledger", "-"),
    ]

    @Test(arguments: recordedForms)
    func aFileIsRecordedRelativeToTheLedgersFolderElseByItsName(_ form: (given: String, workingDirectory: String, recorded: String)) {
        let named = InputPath(given: form.given, ledgerPath: Self.ledger, workingDirectory: form.workingDirectory)
        #expect(named.recorded == form.recorded)
        #expect(named.shown == form.given)
    }

    @Test func theSourcePathIsAbsoluteWithDotsResolved() {
        let named = InputPath(given: "../ledger/logs/./a.jsonl", ledgerPath: "ledger.sqlite", workingDirectory: "/data/ledger")
        #expect(named.source == "/data/ledger/logs/a.jsonl")
        #expect(named.recorded == "logs/a.jsonl", "a relative ledger path is taken from the same working directory")
    }

    @Test func aFolderReachedThroughASymbolicLinkIsTheFolderItself() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.path("real/logs"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.path("link"), withDestinationPath: folder.path("real"))
        let named = InputPath(given: folder.path("link/logs/a.jsonl"), ledgerPath: folder.path("real/ledger.sqlite"))
        #expect(named.recorded == "logs/a.jsonl")
    }

    /// (path as given, the secret in it)
    static let secretPaths: [(given: String, secret: String)] = [
        ("logs?api_key=PLANTED1.jsonl", "PLANTED1"),
        ("/data/ledger/dump?token=PLANTED2&day=3.jsonl", "PLANTED2"),
        ("/var/log/export?password=PLANTED3.csv", "PLANTED3"),
    ]

    @Test(arguments: secretPaths)
    func secretsInAPathAreRedactedInEveryForm(_ path: (given: String, secret: String)) {
        let named = InputPath(given: path.given, ledgerPath: Self.ledger, workingDirectory: "/data/ledger")
        for form in [named.shown, named.recorded, named.source] {
            #expect(!form.contains(path.secret), "\(form)")
            #expect(form.contains("[redacted]"), "\(form)")
        }
    }
}
