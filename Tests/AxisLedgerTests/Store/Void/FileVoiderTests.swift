import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// Voiding a file and undoing the void (migrations/0005_voided_files.sql,
/// docs/billing.md "Voiding a file"), checked on the views a SQL user reads.
struct FileVoiderTests {
    let folder: TemporaryDirectory
    let ledger: LedgerDatabase

    init() throws {
        folder = try TemporaryDirectory()
        ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
    }

    /// Ingests `lines` as file `name` and returns its id.
    @discardableResult
    func ingest(_ name: String, _ lines: [String]) throws -> Int64 {
        let path = try folder.write(name, lines.joined(separator: "\n") + "\n")
        let report = Ingestor(ledger: ledger).ingest(path: path)
        try #require(report.outcome == .ingested, "\(report.outcome)")
        return try ledger.queue.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM ingested_files WHERE sha256 = ?", arguments: [report.sha256])! }
    }

    /// Every row of every view and billing table, in a fixed order.
    func views() throws -> [String: [[String]]] {
        try ledger.queue.read { db in
            var all: [String: [[String]]] = [:]
            for name in ["billed_generations", "events_402", "monthly_usage", "billing_anomalies", "billed_generation_firsts",
                         "generation_placements", "live_response_records", "live_request_attempts", "live_rejected_lines"] {
                all[name] = try Row.fetchAll(db, sql: "SELECT * FROM \(name)").map { row in
                    row.databaseValues.map { $0.description }
                }.sorted { $0.joined(separator: "\u{1}") < $1.joined(separator: "\u{1}") }
            }
            return all
        }
    }

    func expectVerifyPasses(_ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let failed = try LedgerVerifier(ledger: ledger).run().filter { !$0.passed }
        #expect(failed.isEmpty, "\(label): \(failed)", sourceLocation: sourceLocation)
    }

    func billed(_ generation: String) throws -> (month: String, org: String, version: String)? {
        try ledger.queue.read { db in
            try Row.fetchOne(db, sql: "SELECT month, org_id, version FROM billed_generations WHERE generation_id = ?", arguments: [generation])
                .map { ($0["month"], $0["org_id"], $0["version"]) }
        }
    }

    func count(_ sql: String) throws -> Int {
        try ledger.queue.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    /// Two files sharing lines, with a 402, a reject, an anomaly and request-log lines.
    func twoOverlappingFiles() throws -> (first: Int64, second: Int64) {
        let shared = SampleLines.success("2026-10-03T10:00:00.000Z", key: "k-shared", request: "r-shared", generation: "g-shared")
        let first = try ingest("first.jsonl", [
            shared,
            SampleLines.success("2026-10-04T10:00:00.000Z", key: "k-a", request: "r-a", generation: "g-a"),
            SampleLines.success("2026-10-05T10:00:00.000Z", org: "org_beta", key: "k-b", request: "r-b", generation: "g-twice"),
            SampleLines.insufficientBalance("2026-10-06T10:00:00.000Z", request: "r-402"),
            SampleLines.attempt("2026-10-03T09:59:59.000Z", request: "r-shared"),
            "{not json",
        ])
        let second = try ingest("second.jsonl", [
            shared,
            "{not json",
            SampleLines.success("2026-10-07T10:00:00.000Z", org: "org_gamma", key: "k-c", request: "r-c", generation: "g-twice"),
            SampleLines.success("2026-10-08T10:00:00.000Z", key: "k-d", request: "r-d", generation: "g-d"),
        ])
        return (first, second)
    }

    @Test func aVoidThenItsUndoLeavesEveryViewExactlyAsBefore() throws {
        let files = try twoOverlappingFiles()
        let before = try views()
        try expectVerifyPasses("before")

        let voided = try FileVoider(ledger: ledger).void(fileId: files.first, reason: "wrong customer", actor: "tester")
        #expect(voided.action == .void && voided.reason == "wrong customer" && voided.actedBy == "tester")
        let during = try views()
        #expect(during != before)
        #expect(during["billing_anomalies"] != before["billing_anomalies"])
        try expectVerifyPasses("after the void")

        let undone = try FileVoider(ledger: ledger).undo(fileId: files.first, actor: "tester")
        #expect(undone.action == .undo && undone.reason == nil)
        #expect(try views() == before)
        try expectVerifyPasses("after the undo")
        #expect(try count("SELECT count(*) FROM file_voids") == 2)
        #expect(try count("SELECT count(*) FROM voided_files") == 0)
    }

    @Test func voidingAFileWhoseLinesAnotherLiveFileRepeatsKeepsThoseLines() throws {
        let files = try twoOverlappingFiles()
        let outcome = try FileVoider(ledger: ledger).void(fileId: files.first, reason: "test log", actor: "tester")
        #expect(outcome.lines == 6)
        #expect(outcome.keptByOtherFiles == 2) // the shared success and the shared bad line
        #expect(try billed("g-shared")?.month == "2026-10")
        #expect(try billed("g-a") == nil)
        #expect(try count("SELECT count(*) FROM events_402") == 0)
        #expect(try count("SELECT count(*) FROM live_response_records") == 3)
        #expect(try count("SELECT count(*) FROM live_request_attempts") == 0)
        #expect(try count("SELECT count(*) FROM live_rejected_lines") == 1)
        // The kept line is the second file's now: it is found there.
        let kept = try ledger.queue.read { db in
            try Row.fetchOne(db, sql: "SELECT f.path, m.line_number FROM relocated_lines AS m JOIN ingested_files AS f ON f.id = m.file_id WHERE m.kind = 'response'")
        }
        #expect(kept?["path"] as String? == "second.jsonl" && kept?["line_number"] as Int? == 1)
        try expectVerifyPasses("after the void")
    }

    @Test func aGenerationAlsoCarriedLaterByAnotherFileIsBilledFromThatFilesRecord() throws {
        let files = try twoOverlappingFiles()
        #expect(try billed("g-twice")! == ("2026-10", "org_beta", "v2"))
        let outcome = try FileVoider(ledger: ledger).void(fileId: files.first, reason: "test log", actor: "tester")
        #expect(outcome.generationsRebilled == 3 && outcome.billedBefore == 3 && outcome.billedAfter == 2 && outcome.moved == 1)
        #expect(try billed("g-twice")! == ("2026-10", "org_gamma", "v2"))
        // Seen under one org now: no longer an anomaly.
        #expect(try count("SELECT count(*) FROM billing_anomalies WHERE kind = 'generation_in_several_orgs_or_versions'") == 0)
        try expectVerifyPasses("after the void")
    }

    @Test func aGenerationMovesToTheMonthOrgAndVersionOfTheOtherRecord() throws {
        let first = try ingest("october.jsonl", [SampleLines.success("2026-10-31T23:00:00.000Z", key: "k1", request: "r1", generation: "g-late")])
        try ingest("november.jsonl", [SampleLines.success("2026-11-01T01:00:00.000Z", org: "org_beta", endpoint: "/v1/generate-image",
                                                          key: "k2", request: "r2", generation: "g-late")])
        #expect(try billed("g-late")! == ("2026-10", "org_acme", "v2"))
        _ = try FileVoider(ledger: ledger).void(fileId: first, reason: "wrong month", actor: "tester")
        #expect(try billed("g-late")! == ("2026-11", "org_beta", "v1"))
        #expect(try count("SELECT count(*) FROM monthly_usage WHERE month = '2026-10'") == 0)
        try expectVerifyPasses("after the void")
        _ = try FileVoider(ledger: ledger).undo(fileId: first, actor: "tester")
        #expect(try billed("g-late")! == ("2026-10", "org_acme", "v2"))
        try expectVerifyPasses("after the undo")
    }

    @Test func voidingEveryFileLeavesAnEmptyMonth() throws {
        let files = try twoOverlappingFiles()
        let voider = FileVoider(ledger: ledger)
        _ = try voider.void(fileId: files.second, reason: "r", actor: "tester")
        try expectVerifyPasses("one voided")
        _ = try voider.void(fileId: files.first, reason: "r", actor: "tester")
        for view in ["billed_generations", "events_402", "monthly_usage", "billing_anomalies", "generation_placements",
                     "live_response_records", "live_request_attempts", "live_rejected_lines"] {
            #expect(try count("SELECT count(*) FROM \(view)") == 0, "\(view)")
        }
        #expect(try count("SELECT count(*) FROM response_records") == 6, "nothing is deleted")
        try expectVerifyPasses("all voided")
    }

    @Test func aNewFileIgnoresVoidedRecordsWhenChoosingTheEarliest() throws {
        let early = try ingest("early.jsonl", [SampleLines.success("2026-10-01T00:00:00.000Z", key: "k1", request: "r1", generation: "g1")])
        _ = try FileVoider(ledger: ledger).void(fileId: early, reason: "test", actor: "tester")
        try ingest("late.jsonl", [SampleLines.success("2026-10-20T00:00:00.000Z", org: "org_beta", key: "k2", request: "r2", generation: "g1")])
        #expect(try billed("g1")! == ("2026-10", "org_beta", "v2"))
        try expectVerifyPasses("after the new file")
    }

    @Test func aNewFileRepeatingALineOfAVoidedFileMakesItCountAgain() throws {
        let line = SampleLines.success("2026-10-01T00:00:00.000Z", key: "k1", request: "r1", generation: "g1")
        let early = try ingest("early.jsonl", [line, SampleLines.insufficientBalance("2026-10-02T00:00:00.000Z")])
        _ = try FileVoider(ledger: ledger).void(fileId: early, reason: "test", actor: "tester")
        #expect(try billed("g1") == nil)
        try ingest("again.jsonl", [SampleLines.attempt(), line])
        #expect(try billed("g1")! == ("2026-10", "org_acme", "v2"))
        #expect(try count("SELECT count(*) FROM events_402") == 0)
        try expectVerifyPasses("after the repeat")
    }

    @Test func refusalsSayWhatToDoAndChangeNothing() throws {
        let files = try twoOverlappingFiles()
        let voider = FileVoider(ledger: ledger)
        #expect(throws: FileVoidError.unknownFile(id: 99)) { try voider.void(fileId: 99, reason: "x", actor: "t") }
        #expect(FileVoidError.unknownFile(id: 99).description.contains("axis-ledger files"))
        #expect(throws: FileVoidError.missingReason) { try voider.void(fileId: files.first, reason: "  ", actor: "t") }
        #expect(throws: FileVoidError.notVoided(id: files.first, path: "first.jsonl")) { try voider.undo(fileId: files.first, actor: "t") }
        _ = try voider.void(fileId: files.first, reason: "first", actor: "t")
        do {
            _ = try voider.void(fileId: files.first, reason: "again", actor: "t")
            Issue.record("a second void was accepted")
        } catch let error as FileVoidError {
            guard case .alreadyVoided(let id, _, _, _, let reason) = error else { Issue.record("\(error)"); return }
            #expect(id == files.first && reason == "first")
            #expect(error.description.contains("axis-ledger void --undo \(files.first)"))
        }
        #expect(try count("SELECT count(*) FROM file_voids") == 1)
    }

    @Test func theReasonIsRedactedBeforeItIsStored() throws {
        let files = try twoOverlappingFiles()
        let outcome = try FileVoider(ledger: ledger).void(fileId: files.first, reason: "pasted Authorization: Bearer abcdef0123456789xyz by mistake", actor: "t")
        #expect(!outcome.reason!.contains("abcdef0123456789xyz"))
        let stored = try ledger.queue.read { db in try String.fetchOne(db, sql: "SELECT reason FROM file_voids")! }
        #expect(stored == outcome.reason && stored.contains("[redacted]"))
    }

    @Test func theActorIsUserElseLognameElseTheUid() {
        #expect(FileVoider.actor(environment: ["USER": "ana", "LOGNAME": "bob"]) == "ana")
        #expect(FileVoider.actor(environment: ["USER": "", "LOGNAME": "bob"]) == "bob")
        #expect(FileVoider.actor(environment: [:]) == "uid \(getuid())")
    }

    @Test func theBytesOfAVoidedFileIngestedAgainAddNothingAndNameTheVoid() throws {
        let files = try twoOverlappingFiles()
        _ = try FileVoider(ledger: ledger).void(fileId: files.first, reason: "wrong customer", actor: "tester")
        let before = try views()
        let report = Ingestor(ledger: ledger).ingest(path: folder.path("first.jsonl"))
        #expect(report.outcome == .alreadyIngested(asPath: "first.jsonl", at: try ledger.queue.read { db in
            try String.fetchOne(db, sql: "SELECT ingested_at FROM ingested_files WHERE id = ?", arguments: [files.first])! }))
        let void = try #require(report.earlierVoid)
        #expect(void.fileId == files.first && void.reason == "wrong customer" && void.by == "tester")
        let message = VoidMessages.reingestedVoided(path: report.path, earlierPath: "first.jsonl", void: void)
        #expect(message.contains("voided") && message.contains("wrong customer") && message.contains("axis-ledger void --undo \(files.first)"))
        #expect(try views() == before)
        #expect(try count("SELECT count(*) FROM ingested_files") == 2)
    }

    @Test func theTriggerStillRefusesAStrayDelete() throws {
        let files = try twoOverlappingFiles()
        _ = try FileVoider(ledger: ledger).void(fileId: files.second, reason: "r", actor: "t")
        #expect(throws: DatabaseError.self) {
            try ledger.queue.write { db in try db.execute(sql: "DELETE FROM billed_generation_firsts") }
        }
        #expect(throws: DatabaseError.self) {
            try ledger.queue.write { db in try db.execute(sql: "DELETE FROM file_voids") }
        }
    }
}

/// The report reads the record tables for more than billing (statuses, orgs,
/// latencies, rejects, files): a voided file's lines count in none of it.
extension FileVoiderTests {
    @Test func theMonthsReportLeavesOutWhatTheVoidedFileAloneHeld() throws {
        let files = try twoOverlappingFiles()
        let before = try MonthDataLoader(ledger: ledger).load(month: "2026-10")
        #expect(before.files.map(\.path) == ["first.jsonl", "second.jsonl"])
        #expect(before.activeOrgs == ["org_acme", "org_beta", "org_gamma"])

        _ = try FileVoider(ledger: ledger).void(fileId: files.first, reason: "test log", actor: "tester")
        let voided = try MonthDataLoader(ledger: ledger).load(month: "2026-10")
        #expect(voided.files.map(\.path) == ["second.jsonl"])
        #expect(voided.activeOrgs == ["org_acme", "org_gamma"])
        #expect(voided.responseStatuses.map(\.count).reduce(0, +) == 3)
        #expect(voided.attemptStatuses.isEmpty)
        #expect(voided.events402.isEmpty)
        #expect(voided.semanticTranslation.count == 3)
        // The bad line both files held is the second file's reject now.
        #expect(voided.rejects.map(\.count) == [1])
        #expect(voided.usage.map(\.generations).reduce(0, +) == 3)

        _ = try FileVoider(ledger: ledger).undo(fileId: files.first, actor: "tester")
        let undone = try MonthDataLoader(ledger: ledger).load(month: "2026-10")
        #expect(undone.files == before.files && undone.activeOrgs == before.activeOrgs && undone.usage == before.usage)
        #expect(undone.responseStatuses == before.responseStatuses && undone.attemptStatuses == before.attemptStatuses)
        #expect(undone.events402 == before.events402 && undone.anomalies == before.anomalies && undone.rejects == before.rejects)
    }

    @Test func aLedgerFromBeforeVersion5IsListedByVerifyAndNamedByVoid() throws {
        let files = try twoOverlappingFiles()
        // What migration 0005 does to files ingested before it.
        try ledger.queue.write { db in try db.execute(sql: "UPDATE ingested_files SET occurrences_known = 0 WHERE id = ?", arguments: [files.second]) }
        let counts = try #require(try LedgerVerifier(ledger: ledger).run().first { $0.name.hasPrefix("each ingested file's counts") })
        #expect(counts.passed)
        #expect(counts.notChecked.count == 1 && counts.notChecked[0].contains("before schema version 5"))
        let outcome = try FileVoider(ledger: ledger).void(fileId: files.first, reason: "r", actor: "t")
        #expect(outcome.filesWithUnknownRepeats == [files.second])
        #expect(VoidMessages.summary(outcome).contains { $0.contains("ingested before this version") })
    }

    @Test func verifyFailsWhenARepeatedLineWasNotNoted() throws {
        let files = try twoOverlappingFiles()
        try ledger.queue.write { db in
            try db.execute(sql: "DROP TRIGGER line_occurrences_append_only_delete")
            try db.execute(sql: "DELETE FROM line_occurrences WHERE file_id = ? AND kind = 'response'", arguments: [files.second])
        }
        let counts = try #require(try LedgerVerifier(ledger: ledger).run().first { $0.name.hasPrefix("each ingested file's counts") })
        #expect(counts.problems == ["file \(files.second) (second.jsonl): 1 duplicates recorded, 0 noted in line_occurrences"])
    }
}
