import Foundation
import GRDB
import Testing

/// How an ingested file is named in the ledger and its reports: one stable
/// form whatever the command line said, with its secrets redacted
/// (docs/schema.md, `ingested_files.path` and `source_path`).
struct RecordedPathTests {
    let scratch: Scratch

    init() throws {
        scratch = try Scratch("paths")
    }

    /// A month with 402 events, in `folder/logs/`: its flags_402.csv has a source on every row.
    private func logs(in folder: String) throws -> [String] {
        let sample = try SampleInput.shared()
        try FileManager.default.createDirectory(atPath: folder + "/logs", withIntermediateDirectories: true)
        return try [sample.responseFiles[0], sample.requestFiles[0]].map { source in
            let target = folder + "/logs/" + URL(fileURLWithPath: source).lastPathComponent
            try FileManager.default.copyItem(atPath: source, toPath: target)
            return target
        }
    }

    private func reportFiles(db: String, out: String) throws -> [String: Data] {
        let result = try LedgerBinary.run(["report", "--db", db, "--month", "2026-10", "--out", out])
        #expect(result.status == 0, "\(result.output)")
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out + "/2026-10") {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: out + "/2026-10/" + name))
        }
        return files
    }

    @Test func theSameFilesByAbsoluteAndByRelativePathGiveByteIdenticalReports() throws {
        let folder = scratch.url.path
        let files = try logs(in: folder)
        let absolute = try LedgerBinary.run(["ingest", "--db", folder + "/by-absolute.sqlite"] + files)
        #expect(absolute.status == 0, "\(absolute.output)")
        let relative = try LedgerBinary.run(["ingest", "--db", "by-relative.sqlite"] + files.map { "logs/" + URL(fileURLWithPath: $0).lastPathComponent },
                                            in: scratch.url)
        #expect(relative.status == 0, "\(relative.output)")
        let dotted = try LedgerBinary.run(["ingest", "--db", "../by-dotted.sqlite"] + files.map { "./" + URL(fileURLWithPath: $0).lastPathComponent },
                                          in: scratch.url.appendingPathComponent("logs"))
        #expect(dotted.status == 0, "\(dotted.output)")

        let reference = try reportFiles(db: folder + "/by-absolute.sqlite", out: folder + "/out-absolute")
        #expect(reference.keys.sorted() == ["flags_402.csv", "invoice_lines.csv", "report.json", "report.md", "usage.csv"])
        #expect(!String(decoding: reference["report.json"] ?? Data(), as: UTF8.self).contains(folder), "no absolute path in report.json")
        let provenance = String(decoding: reference["report.md"] ?? Data(), as: UTF8.self)
        #expect(provenance.contains("logs/responses-part1.jsonl"), "paths are relative to the ledger's folder")
        #expect(!provenance.contains(folder), "no absolute path in report.md")
        #expect(!String(decoding: reference["flags_402.csv"] ?? Data(), as: UTF8.self).contains(folder))
        #expect(try reportFiles(db: folder + "/by-relative.sqlite", out: folder + "/out-relative") == reference)
        #expect(try reportFiles(db: folder + "/by-dotted.sqlite", out: folder + "/out-dotted") == reference)
    }

    @Test func aFileOutsideTheLedgersFolderIsRecordedByItsNameAndItsFullPathStaysQueryable() throws {
        let files = try logs(in: scratch.path("elsewhere"))
        try FileManager.default.createDirectory(atPath: scratch.path("ledger"), withIntermediateDirectories: true)
        let db = scratch.path("ledger/ledger.sqlite")
        let result = try LedgerBinary.run(["ingest", "--db", db, files[0]])
        #expect(result.status == 0, "\(result.output)")
        let row = try DatabaseQueue(path: db).read { db in try Row.fetchOne(db, sql: "SELECT path, source_path FROM ingested_files") }
        #expect(row?["path"] == "responses-part1.jsonl")
        let resolved = URL(fileURLWithPath: files[0]).resolvingSymlinksInPath().path
        #expect(row?["source_path"] == resolved)
    }

    @Test func aSecretInAFilesPathIsNeverStoredNorPrinted() throws {
        let secret = "PLANTEDPATHKEY4471"
        let name = "logs?api_key=\(secret).jsonl"
        let sample = try SampleInput.shared()
        let path = scratch.path(name)
        try FileManager.default.copyItem(atPath: sample.responseFiles[1], toPath: path)
        let strictPath = try scratch.write("bad?token=\(secret).jsonl", "{broken\n")
        let missing = scratch.path("missing?password=\(secret).jsonl")
        let db = scratch.path("ledger.sqlite")

        let ingest = try LedgerBinary.run(["ingest", "--db", db, path, missing])
        #expect(ingest.status == 1, "the missing file is refused")
        #expect(ingest.stdout.contains("api_key=[redacted]"), "\(ingest.output)")
        #expect(ingest.stderr.contains("missing?password=[redacted]: cannot read"), "\(ingest.output)")
        let again = try LedgerBinary.run(["ingest", "--db", db, path])
        #expect(again.stdout.contains("already ingested"))
        let strict = try LedgerBinary.run(["ingest", "--db", db, "--strict", strictPath])
        #expect(strict.stderr.contains("refused under --strict"))
        let report = try LedgerBinary.run(["report", "--db", db, "--month", "2026-10", "--out", scratch.path("reports")])
        #expect(report.status == 0, "\(report.output)")
        let verify = try LedgerBinary.run(["verify", "--db", db])

        for output in [ingest, again, strict, report, verify] {
            #expect(!output.output.contains(secret), "printed: \(output.output)")
        }
        try LedgerSnapshot.checkpoint(db)
        for file in scratch.allFiles() where !file.contains(secret) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "the secret is in \(file)")
        }
    }
}
