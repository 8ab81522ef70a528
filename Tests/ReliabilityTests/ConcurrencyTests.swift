import Foundation
import Testing

/// Several processes on one ledger at once (WAL and the busy timeout): every
/// one finishes, none sees "database is locked", and the totals are those of
/// the same files ingested one after the other.
@Suite(.serialized)
struct ConcurrencyTests {
    @Test(arguments: [false, true])
    func fourIngestsAndTwoReadersAtOnceAllFinishWithTheSequentialTotals(racingToCreateTheLedger: Bool) throws {
        let input = try SampleInput.shared()
        let files = Array(input.responseFiles.prefix(3)) + [input.requestFiles[0]]
        let scratch = try Scratch("concurrency")

        let sequentialPath = scratch.path("sequential.sqlite")
        let sequential = try LedgerBinary.run(["ingest", "--db", sequentialPath] + files)
        try #require(sequential.status == 0, "\(sequential.stderr)")
        let expected = try LedgerSnapshot.read(sequentialPath)

        let ledger = scratch.path("shared.sqlite")
        if !racingToCreateTheLedger {
            try #require(try LedgerBinary.run(["init", "--db", ledger]).status == 0)
        }
        let ingests = files.map { file in Launched { try LedgerBinary.run(["ingest", "--db", ledger, file]) } }
        // Readers start with the writers and keep reading until every ingest is done.
        let readers = [
            ["report", "--db", ledger, "--month", "2026-10", "--out", scratch.path("reports")],
            ["sql", "--db", ledger, "--format", "csv", "SELECT org_id, version, sum(generations) FROM monthly_usage GROUP BY 1, 2"],
        ].map { arguments in
            Launched {
                var results: [LedgerBinary.Result] = []
                repeat {
                    let result = try LedgerBinary.run(arguments)
                    results.append(result)
                    // Before the first ingest has created the file, a reader is told it is missing: that is not a failure.
                    if racingToCreateTheLedger, result.status != 0, result.stderr.contains("no such database") || result.stderr.contains("is older than") {
                        results.removeLast()
                        usleep(20_000)
                    }
                } while !ingests.allSatisfy(\.isDone) || results.isEmpty  // at least one read, after the ingests if it must
                return results
            }
        }

        for (file, ingest) in zip(files, ingests) {
            let result = try ingest.value()
            #expect(result.status == 0, "ingest of \(file) failed: \(result.stderr)")
            #expect(!result.output.contains("locked"), "\(result.output)")
        }
        for reader in readers {
            let results = try reader.value()
            #expect(!results.isEmpty)
            for result in results {
                #expect(result.status == 0, "a reader failed: \(result.stderr)")
                #expect(!result.output.contains("locked"), "\(result.output)")
            }
        }
        let together = try LedgerSnapshot.read(ledger)
        #expect(together.responseRecords == expected.responseRecords)
        #expect(together.requestAttempts == expected.requestAttempts)
        #expect(together.rejectedLines == expected.rejectedLines)
        #expect(together.monthlyUsage == expected.monthlyUsage)
        #expect(together.events402 == expected.events402)
        #expect(Set(together.files.map(\.path)) == Set(files))
        let verify = try LedgerBinary.run(["verify", "--db", ledger])
        #expect(verify.status == 0, "\(verify.output)")
    }
}

/// Work started on its own thread at once; `value()` waits for its result.
final class Launched<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Result<Value, any Error>?

    init(_ work: @escaping @Sendable () throws -> Value) {
        Thread.detachNewThread { [self] in
            let outcome = Result { try work() }
            lock.withLock { result = outcome }
            done.signal()
        }
    }

    var isDone: Bool { lock.withLock { result != nil } }

    func value() throws -> Value {
        done.wait()
        done.signal()
        return try lock.withLock { result! }.get()
    }
}
