import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A void killed at any moment (SIGKILL) leaves the file live or voided,
/// never half: the billing tables are either those before the void or
/// those after it, and `verify` passes.
@Suite(.serialized)
struct VoidCrashSafetyTests {
    static let kills = 12

    /// What a void changes: its history rows and the billing it recomputes.
    struct VoidState: Equatable {
        var voids = 0
        var leftInRecompute = 0
        var billed: [String] = []
        var events402 = 0

        static func read(_ path: String) throws -> VoidState {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                VoidState(voids: try Int.fetchOne(db, sql: "SELECT count(*) FROM file_voids") ?? -1,
                          leftInRecompute: try Int.fetchOne(db, sql: "SELECT count(*) FROM billing_recompute") ?? -1,
                          billed: try String.fetchAll(db, sql: """
                              SELECT generation_id || ' ' || record_id || ' ' || month || ' ' || org_id || ' ' || version
                              FROM billed_generation_firsts ORDER BY generation_id
                              """),
                          events402: try Int.fetchOne(db, sql: "SELECT count(*) FROM events_402") ?? -1)
            }
        }
    }

    private static func copy(_ from: String, to: String) throws {
        for suffix in ["-wal", "-shm", ""] { try? FileManager.default.removeItem(atPath: to + suffix) }
        try FileManager.default.copyItem(atPath: from, toPath: to)
    }

    @Test func aVoidKilledAtAnyMomentLeavesTheFileLiveOrVoidedNeverHalf() throws {
        let input = try SampleInput.shared()
        let scratch = try Scratch("void-crash")
        let base = scratch.path("base.sqlite")
        let ingest = try LedgerBinary.run(["ingest", "--db", base] + input.files)
        try #require(ingest.status == 0, "\(ingest.stderr)")
        try LedgerSnapshot.checkpoint(base)
        let live = try VoidState.read(base)

        // The uninterrupted void, whose duration bounds the kill moments.
        let reference = scratch.path("reference.sqlite")
        try Self.copy(base, to: reference)
        let started = ContinuousClock.now
        let clean = try LedgerBinary.run(["void", "--db", reference, "1", "--reason", "crash test"])
        let duration = ContinuousClock.now - started
        try #require(clean.status == 0, "\(clean.stderr)")
        let voided = try VoidState.read(reference)
        try #require(voided.voids == 1 && voided.billed != live.billed, "the void changes the billing")
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18

        var random = SeededRandom(seed: 12_2026)
        var outcomes: [String] = []
        for attempt in 0..<Self.kills {
            let ledger = scratch.path("killed-\(attempt).sqlite")
            try Self.copy(base, to: ledger)
            let delay = random.fraction() * seconds
            let process = try LedgerBinary.start(["void", "--db", ledger, "1", "--reason", "crash test"])
            usleep(useconds_t(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let label = "kill \(attempt) after \(Int(delay * 1000)) ms"

            #expect(try LedgerSnapshot.integrityCheck(ledger) == ["ok"], "\(label)")
            let state = try VoidState.read(ledger)
            #expect(state == live || state == voided, "\(label): half a void: \(state.voids) voids, \(state.billed.count) billed, \(state.leftInRecompute) in billing_recompute")
            outcomes.append(state == voided ? "voided" : "live")
            let verify = try LedgerBinary.run(["verify", "--db", ledger])
            #expect(verify.status == 0, "\(label): verify failed: \(verify.output)")
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ledger + suffix) }
        }
        #expect(outcomes.count == Self.kills)
    }
}
