import Foundation
import Testing
@testable import AxisLedger

/// statements/ is part of the set: written into the new set's own subfolder,
/// carried whole by a replacement that keeps it (reconcile), and dropped with
/// the previous set by one that does not (a new report).
struct ReportFolderSubfolderTests {
    static let month = "2026-10"

    @Test func aSubfolderIsWrittenCarriedWhenKeptAndDroppedOtherwise() throws {
        let folder = try TemporaryDirectory()
        let set = ReportFolder(outputFolder: folder.path("out"), month: Self.month)
        let written = try set.replace(keeping: []) { _ in
            [(name: "report.md", text: "report\n"), (name: "statements/org_a.md", text: "a\n"), (name: "statements/org_b.html", text: "b\n")]
        }
        #expect(written == ["report.md", "statements/org_a.md", "statements/org_b.html"].map { folder.path("out/\(Self.month)/\($0)") })
        let statements = folder.path("out/\(Self.month)/statements")
        #expect(try String(contentsOfFile: statements + "/org_a.md", encoding: .utf8) == "a\n")
        let mode = try FileManager.default.attributesOfItem(atPath: statements)[.posixPermissions] as? Int
        #expect(mode == 0o700)

        // Kept (as reconcile keeps it): the same files, in a folder of the new set.
        try set.replace(keeping: ["report.md", "statements"]) { _ in [(name: "reconciliation.md", text: "r\n")] }
        #expect(try FileManager.default.contentsOfDirectory(atPath: statements).sorted() == ["org_a.md", "org_b.html"])
        #expect(try String(contentsOfFile: statements + "/org_b.html", encoding: .utf8) == "b\n")
        #expect(try String(contentsOfFile: folder.path("out/\(Self.month)/report.md"), encoding: .utf8) == "report\n")

        // Not kept (a new report, here without pricing): gone with the previous set.
        try set.replace(keeping: []) { _ in [(name: "report.md", text: "new\n")] }
        #expect(!FileManager.default.fileExists(atPath: statements))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("out")) == [Self.month], "no staging folder left")
    }

    @Test func aFolderOfSomeoneElsesIsStillCarriedAsItWas() throws {
        let folder = try TemporaryDirectory()
        let set = ReportFolder(outputFolder: folder.path("out"), month: Self.month)
        try set.replace(keeping: []) { _ in [(name: "statements/org_a.md", text: "a\n")] }
        try FileManager.default.createDirectory(atPath: folder.path("out/\(Self.month)/attachments"), withIntermediateDirectories: true)
        try folder.write("out/\(Self.month)/attachments/contract.pdf", "pdf\n")
        try set.replace(keeping: ["statements"]) { _ in [(name: "report.md", text: "r\n")] }
        #expect(try String(contentsOfFile: folder.path("out/\(Self.month)/attachments/contract.pdf"), encoding: .utf8) == "pdf\n")
        #expect(try String(contentsOfFile: folder.path("out/\(Self.month)/statements/org_a.md"), encoding: .utf8) == "a\n")
    }
}
