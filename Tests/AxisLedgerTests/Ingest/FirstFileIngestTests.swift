import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// A new ledger's first file is written under the ledger's temporary name
/// with a rollback journal (``StagedLedger``), then linked: the ledger it
/// leaves must be the one an ingest into an empty ledger leaves.
struct FirstFileIngestTests {
    private let folder: TemporaryDirectory
    private let responses: String
    private let requests: String

    init() throws {
        folder = try TemporaryDirectory()
        let sample = folder.url.appendingPathComponent("sample")
        _ = try SampleGenerator(configuration: SampleConfiguration(records: 3_000, seed: 11, withBadLines: true)).write(to: sample)
        responses = sample.appendingPathComponent(SampleGenerator.responsesFileName).path
        // A generation under two orgs (placements) and a line repeated (a duplicate, noted in line_occurrences).
        let extra = [SampleLines.success("2026-10-20T08:00:00Z", org: "org_a", generation: "gen_two_orgs"),
                     SampleLines.success("2026-10-20T08:00:05Z", org: "org_b", generation: "gen_two_orgs"),
                     SampleLines.success("2026-10-20T08:00:05Z", org: "org_b", generation: "gen_two_orgs")]
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: responses))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((extra.joined(separator: "\n") + "\n").utf8))
        try handle.close()
        requests = sample.appendingPathComponent(SampleGenerator.requestsFileName).path
    }

    /// Every row of every view, and of the internal tables, as text, sorted.
    private func everything(_ ledger: LedgerDatabase) throws -> [String: [String]] {
        try ledger.queue.read { db in
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name")
                + ["billed_generation_firsts", "generation_placements", "id_lookup", "id_lookup_segments", "line_occurrences",
                   "rejected_lines", "response_records", "request_attempts"]
            var contents: [String: [String]] = [:]
            for name in names {
                contents[name] = try Row.fetchAll(db, sql: "SELECT * FROM \(name)")
                    .map { row in row.databaseValues.map { "\($0)" }.joined(separator: "|") }.sorted()
            }
            return contents
        }
    }

    private func names(in folder: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
    }

    @Test func theFirstFileOfANewLedgerLeavesTheLedgerAnEmptyLedgerWould() throws {
        let path = folder.path("ledger.sqlite")
        let first = try #require(try FirstFileIngest.ingest(path: responses, intoNewLedgerAt: path, options: IngestOptions()))
        guard case .ingested = first.report.outcome else { Issue.record("\(first.report.outcome)"); return }
        #expect(first.report.accepted > 2_900)
        #expect(first.report.rejected > 0)
        #expect(first.ledger.path == path)
        // The rest of the run goes into the published ledger as usual.
        _ = Ingestor(ledger: first.ledger, options: IngestOptions()).ingest(path: requests)

        let plainPath = folder.path("plain.sqlite")
        let plain = try LedgerDatabase(path: plainPath)
        let ingestor = Ingestor(ledger: plain, options: IngestOptions())
        _ = ingestor.ingest(path: responses)
        _ = ingestor.ingest(path: requests)

        let staged = try everything(first.ledger)
        let expected = try everything(plain)
        #expect((expected["billed_generations"]?.count ?? 0) > 2_000)
        #expect(expected["generation_placements"]?.count == 2)
        #expect(expected["line_occurrences"]?.count == 1)
        #expect(staged.keys.sorted() == expected.keys.sorted())
        for name in expected.keys.sorted() { #expect(staged[name] == expected[name], "\(name) differs") }
        let recorded = try first.ledger.queue.read { db in try String.fetchAll(db, sql: "SELECT path FROM ingested_files ORDER BY id") }
        #expect(recorded == ["sample/responses.jsonl", "sample/requests.csv"])

        // A ledger as any other: WAL, its owner's only, and nothing left beside it.
        #expect(try first.ledger.queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try names(in: folder).filter { $0.contains(".creating-") }.isEmpty)
        #expect(try LedgerVerifier(ledger: try LedgerDatabase(path: path, readOnly: true)).run().allSatisfy(\.passed))
    }

    @Test func whileTheFirstFileIsWrittenTheLedgerDoesNotExistYet() throws {
        let path = folder.path("ledger.sqlite")
        var seen: (exists: Bool, journal: String?, staging: [String])?
        let first = try FirstFileIngest.ingest(path: responses, intoNewLedgerAt: path, options: IngestOptions()) { _ in
            guard seen == nil else { return }
            let staging = (try? names(in: folder).filter { $0.hasPrefix("ledger.sqlite.creating-") }) ?? []
            let journal = staging.first.flatMap { name in
                try? DatabaseQueue(path: folder.path(name)).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            }
            seen = (FileManager.default.fileExists(atPath: path), journal, staging)
        }
        #expect(first != nil)
        let during = try #require(seen)
        #expect(!during.exists)
        #expect(during.staging.count == 2, "\(during.staging)") // the file and its rollback journal
        #expect(during.journal == "delete")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func aLedgerMadeByAnotherProcessMeanwhileGetsTheFileInstead() throws {
        let path = folder.path("ledger.sqlite")
        var other: LedgerDatabase?
        let first = try #require(try FirstFileIngest.ingest(path: responses, intoNewLedgerAt: path, options: IngestOptions()) { _ in
            // Another process's ingest or init makes the ledger while this one still writes its staging file.
            if other == nil { other = try? LedgerDatabase(path: path) }
        })
        let made = try #require(other)
        guard case .ingested = first.report.outcome else { Issue.record("\(first.report.outcome)"); return }
        // The file went into the ledger that won, once, and the staged copy is gone.
        let stored = try made.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM response_records") }
        #expect(stored == first.report.accepted)
        let files = try made.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ingested_files") }
        #expect(files == 1)
        #expect(try names(in: folder).filter { $0.contains(".creating-") }.isEmpty)
    }

    @Test func anExistingLedgerAnEmptyFileStandardInputAndADryRunAreNotStaged() throws {
        let existing = folder.path("existing.sqlite")
        _ = try LedgerDatabase(path: existing)
        #expect(try FirstFileIngest.ingest(path: responses, intoNewLedgerAt: existing, options: IngestOptions()) == nil)
        let empty = try folder.write("empty.sqlite", "")
        #expect(try FirstFileIngest.ingest(path: responses, intoNewLedgerAt: empty, options: IngestOptions()) == nil)
        let missing = folder.path("new.sqlite")
        #expect(try FirstFileIngest.ingest(path: "-", intoNewLedgerAt: missing, options: IngestOptions()) == nil)
        var dryRun = IngestOptions()
        dryRun.dryRun = true
        #expect(try FirstFileIngest.ingest(path: responses, intoNewLedgerAt: missing, options: dryRun) == nil)
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func aFileThatCannotBeReadStillLeavesTheNewLedger() throws {
        let path = folder.path("ledger.sqlite")
        let first = try #require(try FirstFileIngest.ingest(path: folder.path("absent.jsonl"), intoNewLedgerAt: path, options: IngestOptions()))
        guard case .refused = first.report.outcome else { Issue.record("\(first.report.outcome)"); return }
        #expect(try first.ledger.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ingested_files") } == 0)
        #expect(try first.ledger.schemaVersion() == SchemaMigrator.latestVersion)
    }

    @Test func aMissingFolderIsSaidBeforeAnythingIsRead() throws {
        #expect(throws: LedgerError.self) {
            try FirstFileIngest.ingest(path: responses, intoNewLedgerAt: folder.path("no/such/ledger.sqlite"), options: IngestOptions())
        }
    }
}
