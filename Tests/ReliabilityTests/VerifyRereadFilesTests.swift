import Foundation
import GRDB
import Testing

/// `verify --reread-files` reads each ingested file again, up to its recorded
/// size, and catches a ledger whose counts do not account for the bytes it
/// says it ingested (docs/reliability.md, "verify").
struct VerifyRereadFilesTests {
    let scratch: Scratch

    init() throws {
        scratch = try Scratch("reread")
    }

    private let line = #"{"timestamp":"2026-10-03T10:15:22.120Z","orgId":"org_acme","endpoint":"/v1/generate-image","httpStatus":200,"idempotencyKey":"k%d","response":{"success":true,"generationId":"gen_%d"}}"#

    private func lines(_ range: ClosedRange<Int>) -> String {
        range.map { String(format: line, $0, $0) }.joined(separator: "\n") + "\n"
    }

    @Test func aFileWhoseRecordedBytesHoldLinesItsCountsMissIsAProblem() throws {
        let path = try scratch.write("responses.jsonl", lines(1...20) + "{bad\n\n")
        let db = scratch.path("ledger.sqlite")
        #expect(try LedgerBinary.run(["ingest", "--db", db, path]).status == 0)
        #expect(try LedgerBinary.run(["verify", "--db", db, "--reread-files"]).status == 0, "an honest ledger passes")

        // What a drained digest used to record: lines appended during the ingest
        // are in the recorded SHA-256 and size, but no count holds them.
        let grown = Array(try scratch.read("responses.jsonl")) + Array(lines(21...25).utf8)
        try scratch.write("responses.jsonl", bytes: grown)
        let digest = try sha256Hex(grown)
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in
            try db.execute(sql: "UPDATE ingested_files SET sha256 = ?, size_bytes = ?", arguments: [digest, grown.count])
        }
        try queue.close()

        #expect(try LedgerBinary.run(["verify", "--db", db]).status == 0, "the counts agree with the rows, so plain verify cannot tell")
        let reread = try LedgerBinary.run(["verify", "--db", db, "--reread-files"])
        #expect(reread.status == 1, "\(reread.output)")
        #expect(reread.stdout.contains("FAIL"))
        #expect(reread.stdout.contains("(responses.jsonl): 27 lines in its recorded bytes, 22 recorded as read"), "\(reread.stdout)")
    }

    @Test func tamperedCountsAreAProblemAndFilesGoneOrChangedAreNotChecked() throws {
        let kept = try scratch.write("kept.jsonl", lines(1...5) + "{bad\n")
        let gone = try scratch.write("gone.jsonl", lines(6...8))
        let changed = try scratch.write("changed.jsonl", lines(9...10))
        let db = scratch.path("ledger.sqlite")
        #expect(try LedgerBinary.run(["ingest", "--db", db, kept, gone, changed]).status == 0)
        try FileManager.default.removeItem(atPath: gone)
        try scratch.write("changed.jsonl", lines(11...12))
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in
            // One more line, called blank: the sum holds and no row is missing, so only the bytes can tell.
            try db.execute(sql: "UPDATE ingested_files SET lines_read = lines_read + 1, blank = blank + 1 WHERE path = 'kept.jsonl'")
        }
        try queue.close()

        #expect(try LedgerBinary.run(["verify", "--db", db]).status == 0)
        let reread = try LedgerBinary.run(["verify", "--db", db, "--reread-files"])
        #expect(reread.status == 1)
        #expect(reread.stdout.contains("(kept.jsonl): 6 lines in its recorded bytes, 7 recorded as read"), "\(reread.stdout)")
        #expect(reread.stdout.contains("(kept.jsonl): 0 blank lines in its recorded bytes, 1 recorded"), "\(reread.stdout)")
        #expect(reread.stdout.contains("(gone.jsonl): not checked"), "\(reread.stdout)")
        #expect(reread.stdout.contains("(changed.jsonl): not checked"), "\(reread.stdout)")
    }

    private func sha256Hex(_ bytes: [UInt8]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }
}
