import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// An ingest killed at any moment (SIGKILL: no cleanup, no flush) leaves a
/// sound ledger holding exactly the files it committed, and running the same
/// ingest again ends where an uninterrupted one does.
@Suite(.serialized)
struct CrashSafetyTests {
    static let kills = 20

    @Test func anIngestKilledAtAnyMomentKeepsWholeFilesOnlyAndTheRerunCompletesIt() throws {
        let input = try SampleInput.shared()
        let scratch = try Scratch("crash")

        // The reference: the same ingest, uninterrupted; its duration bounds the kill moments.
        let referencePath = scratch.path("reference.sqlite")
        let started = ContinuousClock.now
        let clean = try LedgerBinary.run(["ingest", "--db", referencePath] + input.files)
        let cleanDuration = ContinuousClock.now - started
        try #require(clean.status == 0, "clean ingest failed: \(clean.stderr)")
        let reference = try LedgerSnapshot.read(referencePath)
        try #require(reference.files.count == input.files.count)
        let cleanSeconds = Double(cleanDuration.components.seconds) + Double(cleanDuration.components.attoseconds) / 1e18

        var random = SeededRandom(seed: 7_2026)
        var committedAtKill: [Int] = []
        for attempt in 0..<Self.kills {
            let delay = random.fraction() * cleanSeconds
            let ledger = scratch.path("killed-\(attempt).sqlite")
            let process = try LedgerBinary.start(["ingest", "--db", ledger] + input.files)
            usleep(useconds_t(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let label = "kill \(attempt) after \(Int(delay * 1000)) ms"
            if FileManager.default.fileExists(atPath: ledger) {
                #expect(try LedgerSnapshot.integrityCheck(ledger) == ["ok"], "\(label)")
                let killed = try LedgerSnapshot.read(ledger)
                committedAtKill.append(killed.files.count)
                expectOnlyWholeCommittedFiles(killed, reference: reference, label: label)
                if !killed.files.isEmpty {
                    let verify = try LedgerBinary.run(["verify", "--db", ledger])
                    #expect(verify.status == 0, "\(label): verify failed: \(verify.output)")
                }
            } else {
                committedAtKill.append(0)
            }

            let rerun = try LedgerBinary.run(["ingest", "--db", ledger] + input.files)
            #expect(rerun.status == 0, "\(label): the rerun failed: \(rerun.stderr)")
            let completed = try LedgerSnapshot.read(ledger)
            #expect(completed == reference, "\(label): after the rerun \(completed), uninterrupted \(reference)")
            try? FileManager.default.removeItem(atPath: ledger)
            try? FileManager.default.removeItem(atPath: ledger + "-wal")
            try? FileManager.default.removeItem(atPath: ledger + "-shm")
        }
        // The kill moments must have caught ingests in flight, between files, not only before or after.
        #expect(Set(committedAtKill).count >= 3, "files committed at each kill: \(committedAtKill)")
    }

    /// The files recorded are the first ones of the command line, each with
    /// the counts an uninterrupted ingest gives it and no row left "pending";
    /// the record tables hold those files' lines and nothing of the file in flight.
    private func expectOnlyWholeCommittedFiles(_ killed: LedgerSnapshot, reference: LedgerSnapshot, label: String) {
        let committed = killed.files.count
        #expect(Array(reference.files.prefix(committed)) == killed.files, "\(label): files recorded \(killed.files)")
        #expect(killed.files.filter(\.pending).isEmpty, "\(label): an unfinished file is recorded")
        #expect(killed.storedRecords == killed.files.map(\.accepted).reduce(0, +), "\(label): records of a file in flight were kept")
        #expect(killed.rejectedLines == killed.files.map(\.rejected).reduce(0, +), "\(label): rejects of a file in flight were kept")
    }
}
