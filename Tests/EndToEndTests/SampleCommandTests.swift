import Foundation
import Testing

struct SampleCommandTests {
    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("axis-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func sampleWritesBothFilesAndSaysWhatItWrote() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("nested/sample").path
        let result = try CommandRunner.run(["sample", "--records", "2000", "--orgs", "4", "--seed", "11", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(out)/responses.jsonl: 2000 response records"))
        #expect(result.stdout.contains("\(out)/requests.csv: 2000 request-log rows"))
        #expect(result.stdout.contains("org_acme"))
        let responses = try String(contentsOfFile: out + "/responses.jsonl", encoding: .utf8)
        let requests = try String(contentsOfFile: out + "/requests.csv", encoding: .utf8)
        #expect(responses.split(separator: "\n").count == 2000)
        #expect(requests.split(separator: "\n").count == 2001)
        let billed = responses.split(separator: "\n").filter { $0.contains("\"httpStatus\":200") }
        #expect(!billed.isEmpty)
    }

    @Test func theSameArgumentsWriteTheSameBytesAndWithBadLinesAddsThem() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["sample", "--records", "1500", "--month", "2026-11"]
        _ = try CommandRunner.run(arguments + ["--out", "a"], in: folder)
        _ = try CommandRunner.run(arguments + ["--out", "b"], in: folder)
        let bad = try CommandRunner.run(arguments + ["--out", "c", "--with-bad-lines"], in: folder)
        let read = { (name: String) in try Data(contentsOf: folder.appendingPathComponent(name)) }
        #expect(try read("a/responses.jsonl") == read("b/responses.jsonl"))
        #expect(try read("a/requests.csv") == read("b/requests.csv"))
        #expect(bad.status == 0)
        #expect(bad.stdout.contains("7 malformed"))
        #expect(try String(decoding: read("c/responses.jsonl"), as: UTF8.self).contains("sk_live_SAMPLE_SECRET_123"))
    }

    @Test func outDefaultsToASampleFolderInTheCurrentDirectory() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["sample", "--records", "50"], in: folder)
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("sample/responses.jsonl").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("sample/requests.csv").path))
    }

    @Test(arguments: [
        (["--month", "2026-13"], "--month must be a UTC month written YYYY-MM"),
        (["--month", "October"], "--month must be a UTC month written YYYY-MM"),
        (["--orgs", "0"], "--orgs must be between 1 and 1000; got 0"),
        (["--orgs", "1001"], "--orgs must be between 1 and 1000; got 1001"),
        (["--records", "0"], "--records must be between 1 and"),
        (["--seed=-1"], "--seed must be 0 or more; got -1"),
        (["--records", "many"], "many"),
    ])
    func badArgumentsExitWith64AndSayWhatIsWrong(arguments: [String], message: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["sample"] + arguments, in: folder)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("sample").path))
    }

    @Test func anUnwritableOutFolderExitsWith1AndNamesIt() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let result = try CommandRunner.run(["sample", "--records", "10", "--out", blocker.path + "/sample"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(blocker.path))
        #expect(result.stderr.contains("--out"))
    }
}
