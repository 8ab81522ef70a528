import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `close` killed by SIGKILL (no cleanup, no flush): before its commit the
/// month stays open and nothing of it is stored; after it, the month is
/// closed and `report` writes the issued files. The close waits at the
/// moment named in AXIS_LEDGER_TEST_HOLD_CLOSE (MonthCloser.swift) and
/// drops a marker file there, so the kill lands exactly at that moment.
@Suite(.serialized)
struct CloseCrashSafetyTests {
    private func ledger(_ scratch: Scratch) throws -> String {
        let ledger = scratch.path("ledger.sqlite")
        try scratch.write("october.jsonl", (1...40).map { HostileCorpus.goodResponse(generation: "gen_\($0)") }.joined(separator: "\n") + "\n")
        try scratch.write("pricing.yaml", "currency: USD\ndefaultPlan: standard\nplans:\n  standard:\n    v1:\n      unitPrice: 0.04\n    v2:\n      unitPrice: 0.10\n")
        let ingest = try LedgerBinary.run(["ingest", "--db", ledger, scratch.path("october.jsonl")])
        try #require(ingest.status == 0, "\(ingest.stderr)")
        return ledger
    }

    private func killedClose(_ scratch: Scratch, ledger: String, at moment: String) throws {
        let marker = scratch.path("held-\(moment)")
        let process = try LedgerBinary.start(
            ["close", "--db", ledger, "--month", "2026-10", "--pricing", scratch.path("pricing.yaml"), "--out", scratch.path("reports")],
            environment: ["AXIS_LEDGER_TEST_HOLD_CLOSE": "\(moment):\(marker)"])
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: marker) && Date() < deadline && process.isRunning { usleep(20_000) }
        try #require(FileManager.default.fileExists(atPath: marker), "the close never reached \(moment)")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
    }

    private func count(_ ledger: String, _ sql: String) throws -> Int {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: ledger, configuration: configuration)
        return try queue.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    @Test func killedBeforeItsCommitTheMonthStaysOpen() throws {
        let scratch = try Scratch("close-crash")
        let ledger = try ledger(scratch)
        try killedClose(scratch, ledger: ledger, at: "before-commit")
        #expect(try LedgerSnapshot.integrityCheck(ledger) == ["ok"])
        for table in ["month_closes", "issued_files", "issued_lines", "issued_generations", "issued_sources"] {
            #expect(try count(ledger, "SELECT count(*) FROM \(table)") == 0, "\(table)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path("reports/2026-10/report.md")))
        let verify = try LedgerBinary.run(["verify", "--db", ledger])
        #expect(verify.status == 0, "\(verify.stdout)")
        let again = try LedgerBinary.run(["close", "--db", ledger, "--month", "2026-10", "--pricing", scratch.path("pricing.yaml"), "--out", scratch.path("reports")])
        #expect(again.status == 0, "the month was left half closed: \(again.stderr)")
    }

    @Test func killedAfterItsCommitTheMonthIsClosedAndReportWritesTheIssuedFiles() throws {
        let scratch = try Scratch("close-crash")
        let ledger = try ledger(scratch)
        try killedClose(scratch, ledger: ledger, at: "after-commit")
        #expect(try count(ledger, "SELECT count(*) FROM month_closes") == 1)
        #expect(try count(ledger, "SELECT count(*) FROM issued_generations") == 40)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("reports/2026-10/report.md")))
        let report = try LedgerBinary.run(["report", "--db", ledger, "--month", "2026-10", "--out", scratch.path("reports")])
        #expect(report.status == 0, "\(report.stderr)")
        var configuration = Configuration()
        configuration.readonly = true
        let stored = try DatabaseQueue(path: ledger, configuration: configuration).read { db in
            try Row.fetchAll(db, sql: "SELECT name, content FROM issued_files ORDER BY name").map { ($0["name"] as String, $0["content"] as Data) }
        }
        #expect(stored.map(\.0).filter { !$0.hasPrefix("statements/") } == ["flags_402.csv", "invoice_lines.csv", "report.json", "report.md", "usage.csv"])
        #expect(stored.filter { $0.0.hasPrefix("statements/") }.count % 2 == 0)
        for (name, content) in stored {
            #expect(try scratch.read("reports/2026-10/\(name)") == content, "\(name)")
        }
    }
}
