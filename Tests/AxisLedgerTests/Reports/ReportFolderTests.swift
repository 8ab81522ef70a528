import Foundation
import Testing
@testable import AxisLedger

/// The month folder is replaced as one set: what it holds afterwards is the
/// new set plus the entries axis-ledger does not write, and a failure on the
/// way leaves the previous set and no staging folder.
struct ReportFolderTests {
    static let month = "2026-10"

    /// OUT/2026-10 holding an old report set, a reconciliation, a note and a folder of someone's.
    static func previousSet(in folder: TemporaryDirectory) throws -> ReportFolder {
        let month = folder.path("out/\(Self.month)")
        try FileManager.default.createDirectory(atPath: month + "/attachments", withIntermediateDirectories: true)
        for name in ReportWriter.fileNames + ReconciliationWriter.fileNames { try folder.write("out/\(Self.month)/\(name)", "old \(name)\n") }
        try folder.write("out/\(Self.month)/notes.txt", "my notes\n")
        try folder.write("out/\(Self.month)/attachments/contract.pdf", "pdf\n")
        return ReportFolder(outputFolder: folder.path("out"), month: Self.month)
    }

    static func newFiles(_ marker: String) -> [(name: String, text: String)] {
        ReportWriter.fileNames.map { (name: $0, text: "\(marker) \($0)\n") }
    }

    static func contents(_ path: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: path) {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isFolder), !isFolder.boolValue {
                result[name] = try String(contentsOfFile: path + "/" + name, encoding: .utf8)
            }
        }
        return result
    }

    @Test func aNewSetReplacesTheOldOneAndKeepsWhatAxisLedgerDoesNotWrite() throws {
        let folder = try TemporaryDirectory()
        let reportFolder = try Self.previousSet(in: folder)
        let written = try reportFolder.replace(keeping: []) { _ in Self.newFiles("new") }
        #expect(written == ReportWriter.fileNames.map { folder.path("out/\(Self.month)/\($0)") })
        var expected = Dictionary(uniqueKeysWithValues: ReportWriter.fileNames.map { ($0, "new \($0)\n") })
        expected["notes.txt"] = "my notes\n"
        expected["attachments/contract.pdf"] = "pdf\n"
        #expect(try Self.contents(folder.path("out/\(Self.month)")) == expected, "the previous reconciliation goes with the previous report")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("out")) == [Self.month])
    }

    @Test func keptFilesAreCarriedAndTheCurrentSetCanBeRead() throws {
        let folder = try TemporaryDirectory()
        let reportFolder = try Self.previousSet(in: folder)
        try reportFolder.replace(keeping: ReportWriter.fileNames) { current in
            let report = String(decoding: try #require(current.contents(of: "report.md")), as: UTF8.self)
            return [(name: "reconciliation.csv", text: "new\n"), (name: "report.md", text: report + "section\n")]
        }
        let after = try Self.contents(folder.path("out/\(Self.month)"))
        #expect(after["report.md"] == "old report.md\nsection\n")
        #expect(after["usage.csv"] == "old usage.csv\n")
        #expect(after["reconciliation.csv"] == "new\n")
        #expect(after["reconciliation.md"] == nil, "not kept, not written")
    }

    enum Failure: String, CaseIterable, Sendable {
        /// The set's contents could not be made.
        case whileMaking
        /// The second file cannot be created: the first is written already.
        case whileWriting
    }

    struct Injected: Error {}

    @Test(arguments: Failure.allCases)
    func aFailureOnTheWayLeavesThePreviousSetAndNoStagingFolder(failure: Failure) throws {
        let folder = try TemporaryDirectory()
        let reportFolder = try Self.previousSet(in: folder)
        let before = try Self.contents(folder.path("out/\(Self.month)"))
        #expect(throws: (any Error).self) {
            try reportFolder.replace(keeping: []) { _ in
                if failure == .whileMaking { throw Injected() }
                return [(name: "usage.csv", text: "new\n"), (name: "no-such-folder/invoice_lines.csv", text: "new\n")]
            }
        }
        #expect(try Self.contents(folder.path("out/\(Self.month)")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("out")) == [Self.month])
    }

    @Test func aStagingFolderLeftByAKilledRunIsRemovedAndItsForeignFilesGoBack() throws {
        let folder = try TemporaryDirectory()
        let reportFolder = try Self.previousSet(in: folder)
        try FileManager.default.removeItem(atPath: folder.path("out/\(Self.month)/notes.txt"))
        let stale = "out/.\(Self.month).set-Ab12Cd"
        try FileManager.default.createDirectory(atPath: folder.path(stale), withIntermediateDirectories: true)
        try folder.write(stale + "/usage.csv", "half")
        try folder.write(stale + "/notes.txt", "my notes\n")
        try reportFolder.replace(keeping: []) { _ in Self.newFiles("new") }
        let after = try Self.contents(folder.path("out/\(Self.month)"))
        #expect(after["notes.txt"] == "my notes\n")
        #expect(after["usage.csv"] == "new usage.csv\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("out")) == [Self.month])
    }
}
