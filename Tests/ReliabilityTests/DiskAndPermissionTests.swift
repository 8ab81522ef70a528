import Foundation
import Testing

/// The ledger's files are its owner's only; a folder that cannot be written
/// and a disk that fills up give an error naming the database and saying what
/// to do, and leave the ledger as it was.
@Suite(.serialized)
struct DiskAndPermissionTests {
    private static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    /// A file of `count` valid response records, each a distinct billed generation.
    private static func records(_ count: Int, label: String) -> String {
        (0..<count).map { HostileCorpus.goodResponse(generation: "gen_\(label)_\($0)_" + String(repeating: "p", count: 200)) }.joined(separator: "\n") + "\n"
    }

    @Test func theLedgerAndItsWALAndSharedMemoryFilesAreCreatedOwnerOnly() throws {
        let input = try SampleInput.shared()
        let scratch = try Scratch("modes")
        let ledger = scratch.path("ledger.sqlite")
        // Watch the files while an ingest holds the ledger open: SQLite removes -wal and -shm when the last connection closes.
        let process = try LedgerBinary.start(["ingest", "--db", ledger] + input.files)
        var modes: [String: Int] = [:]
        while process.isRunning, modes.count < 3 {
            for file in [ledger, ledger + "-wal", ledger + "-shm"] where modes[file] == nil {
                if let mode = try? FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int { modes[file] = mode }
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(modes[ledger] == 0o600)
        #expect(modes[ledger + "-wal"] == 0o600, "modes seen: \(modes.mapValues { String($0, radix: 8) })")
        #expect(modes[ledger + "-shm"] == 0o600, "modes seen: \(modes.mapValues { String($0, radix: 8) })")
        #expect(try Self.mode(ledger) == 0o600)
    }

    @Test(.enabled(if: ConstrainedFolder.canMakeReadOnly, "needs a non-root user or root allowed to mount a tmpfs"))
    func aReadOnlyFolderGivesAClearErrorAndLeavesTheLedgerAsItWas() throws {
        let scratch = try Scratch("read-only")
        let folder = try ConstrainedFolder(in: scratch, size: 8 << 20)
        let ledger = folder.path + "/ledger.sqlite"
        let first = try LedgerBinary.run(["ingest", "--db", ledger, try scratch.write("first.jsonl", Self.records(20, label: "first"))])
        try #require(first.status == 0, "\(first.stderr)")
        let before = try LedgerSnapshot.read(ledger)
        let bytesBefore = try Data(contentsOf: URL(fileURLWithPath: ledger))

        try folder.makeReadOnly()
        let refused = try LedgerBinary.run(["ingest", "--db", ledger, try scratch.write("second.jsonl", Self.records(20, label: "second"))])
        try folder.makeWritable()

        #expect(refused.status == 1)
        #expect(!refused.signalled)
        #expect(refused.stderr.contains(ledger), "the message names the database: \(refused.stderr)")
        #expect(refused.stderr.contains("writable"), "the message says what to do: \(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == bytesBefore, "the ledger file is unchanged")
        let verify = try LedgerBinary.run(["verify", "--db", ledger])
        #expect(verify.status == 0, "\(verify.output)")
        #expect(try LedgerSnapshot.read(ledger) == before)
    }

    enum DiskLimit: String, CaseIterable, Sendable {
        /// A 1 MB tmpfs (when root may mount): writes fail with ENOSPC.
        case smallDisk
        /// `ulimit -f` in a shell that runs the binary: writes past it fail with EFBIG.
        case fileSizeLimit
    }

    @Test(arguments: DiskLimit.allCases)
    func aFullDiskGivesAClearErrorAndLeavesTheLedgerAsItWas(limit: DiskLimit) throws {
        let scratch = try Scratch("full-disk")
        let folder = try ConstrainedFolder(in: scratch, size: 1 << 20)
        if limit == .smallDisk && !folder.isSmallDisk { return }  // Not root, or not allowed to mount: the file size limit case still runs.
        let ledger = folder.path + "/ledger.sqlite"
        let first = try LedgerBinary.run(["ingest", "--db", ledger, try scratch.write("first.jsonl", Self.records(20, label: "first"))])
        try #require(first.status == 0, "\(first.stderr)")
        let before = try LedgerSnapshot.read(ledger)

        // Far more than the disk or the limit can hold: about 2.5 MB of records, plus indexes.
        let big = try scratch.write("big.jsonl", Self.records(6000, label: "big"))
        let failed = switch limit {
        case .smallDisk: try LedgerBinary.run(["ingest", "--db", ledger, big])
        // 512-byte blocks in sh: 1 MB, beyond the first ledger but far below what the big file needs.
        case .fileSizeLimit: try LedgerBinary.runInShell(#"trap '' XFSZ; ulimit -f 2048; exec "$0" "$@""#, ["ingest", "--db", ledger, big])
        }

        #expect(failed.status == 1, "\(failed.output)")
        #expect(!failed.signalled, "killed by a signal instead of reporting the error")
        #expect(failed.stderr.contains(ledger), "the message names the database: \(failed.stderr)")
        #expect(failed.stderr.contains("the disk is full") || failed.stderr.contains("disk I/O error"), "\(failed.stderr)")
        #expect(failed.stderr.contains("run the command again"), "the message says what to do: \(failed.stderr)")
        #expect(failed.stderr.contains("nothing of it was ingested"))
        let verify = try LedgerBinary.run(["verify", "--db", ledger])
        #expect(verify.status == 0, "\(verify.output)")
        #expect(try LedgerSnapshot.read(ledger) == before)
    }
}
