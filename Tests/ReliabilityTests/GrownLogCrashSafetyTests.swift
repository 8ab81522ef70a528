import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The ingest of a grown log's new part killed at any moment (SIGKILL)
/// leaves the ledger with its earlier part only, or with both whole: a part
/// is one transaction. The next ingest reads on from the same place and ends
/// where an uninterrupted one does.
@Suite(.serialized)
struct GrownLogCrashSafetyTests {
    static let kills = 8

    @Test func aPartKilledAtAnyMomentIsWholeOrAbsentAndTheRerunReadsOnFromTheSamePlace() throws {
        let input = try SampleInput.shared()
        let scratch = try Scratch("grown-crash")
        let lines = try String(contentsOfFile: input.folder + "/responses.jsonl", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let half = lines.count / 2
        let log = try scratch.write("app.jsonl", lines[..<half].map { $0 + "\n" }.joined())
        let base = scratch.path("base.sqlite")
        try #require(try LedgerBinary.run(["ingest", "--db", base, log]).status == 0)
        try LedgerSnapshot.checkpoint(base)
        let handle = try #require(FileHandle(forWritingAtPath: log))
        handle.seekToEndOfFile()
        handle.write(Data(lines[half...].map { $0 + "\n" }.joined().utf8))
        handle.closeFile()

        func copyOfBase(_ name: String) throws -> String {
            let path = scratch.path(name)
            try FileManager.default.copyItem(atPath: base, toPath: path)
            return path
        }

        let referencePath = try copyOfBase("reference.sqlite")
        let started = ContinuousClock.now
        let clean = try LedgerBinary.run(["ingest", "--db", referencePath, log])
        let elapsed = ContinuousClock.now - started
        try #require(clean.status == 0, "\(clean.stderr)")
        try #require(clean.stdout.contains("read from line \(half + 1)"), "\(clean.stdout)")
        let reference = try LedgerSnapshot.read(referencePath)
        try #require(reference.files.count == 2)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18

        var random = SeededRandom(seed: 10_2026)
        for attempt in 0..<Self.kills {
            let delay = random.fraction() * seconds
            let ledger = try copyOfBase("killed-\(attempt).sqlite")
            let process = try LedgerBinary.start(["ingest", "--db", ledger, log])
            usleep(useconds_t(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let label = "kill \(attempt) after \(Int(delay * 1000)) ms"

            #expect(try LedgerSnapshot.integrityCheck(ledger) == ["ok"], "\(label)")
            let killed = try LedgerSnapshot.read(ledger)
            #expect(Array(reference.files.prefix(killed.files.count)) == killed.files, "\(label): \(killed)")
            #expect(killed.storedRecords == killed.files.map(\.accepted).reduce(0, +), "\(label): records of the part in flight were kept")
            let verify = try LedgerBinary.run(["verify", "--db", ledger, "--reread-files"])
            #expect(verify.status == 0, "\(label): \(verify.output)")

            let rerun = try LedgerBinary.run(["ingest", "--db", ledger, log])
            #expect(rerun.status == 0, "\(label): \(rerun.stderr)")
            if killed.files.count == 1 {
                #expect(rerun.stdout.contains("read from line \(half + 1)"), "\(label): \(rerun.stdout)")
            }
            #expect(try LedgerSnapshot.read(ledger) == reference, "\(label)")
        }
    }

    /// Two ingests of the same grown log at once (overlapping cron runs): each part continues the
    /// latest committed one, so the parts stay one chain, and every line is stored once.
    @Test func twoIngestsOfTheSameGrownLogAtOnceKeepOneChainOfParts() throws {
        let input = try SampleInput.shared()
        let scratch = try Scratch("grown-concurrent")
        let lines = try String(contentsOfFile: input.folder + "/responses.jsonl", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let ledger = scratch.path("ledger.sqlite")
        let log = try scratch.write("app.jsonl", lines[..<500].map { $0 + "\n" }.joined())
        try #require(try LedgerBinary.run(["ingest", "--db", ledger, log]).status == 0)
        for end in [1000, 1800, 2600] {
            let handle = try #require(FileHandle(forWritingAtPath: log))
            handle.seekToEndOfFile()
            handle.write(Data(lines[(end - (end == 1000 ? 500 : 800))..<end].map { $0 + "\n" }.joined().utf8))
            handle.closeFile()
            let first = try LedgerBinary.start(["ingest", "--db", ledger, log])
            let second = try LedgerBinary.start(["ingest", "--db", ledger, log])
            first.waitUntilExit()
            second.waitUntilExit()
            #expect((first.terminationStatus, second.terminationStatus) == (0, 0))
        }
        let branches = try LedgerBinary.run(["sql", "--db", ledger, "--format", "csv",
                                             "SELECT continues_file_id FROM ingested_files WHERE continues_file_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1"])
        #expect(branches.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "continues_file_id", "two parts continue the same one: \(branches.stdout)")
        let snapshot = try LedgerSnapshot.read(ledger)
        #expect(snapshot.files.map(\.accepted).reduce(0, +) == snapshot.storedRecords)
        #expect(snapshot.storedRecords == Set(lines[..<2600]).count)
        let verify = try LedgerBinary.run(["verify", "--db", ledger, "--reread-files"])
        #expect(verify.status == 0, "\(verify.output)")
    }
}
