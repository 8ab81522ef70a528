import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A month's report folder is replaced as one set: a reader sees the old
/// files or the new ones, never a mix; concurrent runs all succeed; a run
/// that fails half way leaves the old set whole; a symbolic link in the
/// output folder is never written through.
struct OutputFolderTests {
    static let month = "2026-10"

    /// A ledger with billed generations and 402 events of two orgs.
    static func ledger(in scratch: Scratch, records: Int = 40) throws -> String {
        let ledger = scratch.path("ledger.sqlite")
        let lines = (0..<records).flatMap { index in [
            #"{"timestamp":"2026-10-05T09:\#(String(format: "%02d", index % 60)):00Z","orgId":"org_\#(index % 2)","endpoint":"/v1/generate-image","httpStatus":200,"response":{"success":true,"generationId":"gen_set_\#(index)"}}"#,
            #"{"timestamp":"2026-10-06T10:\#(String(format: "%02d", index % 60)):00Z","orgId":"org_\#(index % 2)","endpoint":"/v2/cinematic-image","httpStatus":402,"idempotencyKey":"k\#(index)","response":{"success":false,"code":"insufficient_balance","requestId":"req_402_\#(index)"}}"#,
        ] }
        let ingest = try LedgerBinary.run(["ingest", "--db", ledger, try scratch.write("records.jsonl", lines.joined(separator: "\n") + "\n")])
        try #require(ingest.status == 0, "\(ingest.stderr)")
        return ledger
    }

    /// Pricing rules whose amounts differ with `cents`, so each run's set has its own bytes.
    static func pricing(in scratch: Scratch, cents: Int) throws -> String {
        try scratch.write("pricing-\(cents).yaml", "currency: USD\ndefaultPlan: standard\nplans:\n  standard:\n    v1:\n      unitPrice: 0.\(String(format: "%02d", cents))\n    v2:\n      unitPrice: 0.10\n")
    }

    static func report(_ ledger: String, pricing: String, out: String) throws -> LedgerBinary.Result {
        try LedgerBinary.run(["report", "--db", ledger, "--month", month, "--pricing", pricing, "--out", out])
    }

    /// Every entry of a folder, by name, with its bytes (nil for what is not a regular file).
    static func contents(of folder: String) throws -> [String: Data?] {
        var result: [String: Data?] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let path = folder + "/" + name
            result[name] = isRegularFile(path) ? try Data(contentsOf: URL(fileURLWithPath: path)) : nil
        }
        return result
    }

    /// lstat: true only for a regular file, never for a link to one.
    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    enum PlantedLink: String, CaseIterable, Sendable {
        /// Where the old writer put its temporary file.
        case temporaryName = ".usage.csv.partial"
        case usage = "usage.csv"
        case markdown = "report.md"
    }

    @Test(arguments: PlantedLink.allCases)
    func aSymlinkPlantedInTheMonthFolderIsNeverWrittenThrough(planted: PlantedLink) throws {
        let scratch = try Scratch("planted-link")
        let ledger = try Self.ledger(in: scratch)
        let victim = try scratch.write("victim.txt", "precious\n")
        let folder = scratch.path("reports/\(Self.month)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/" + planted.rawValue, withDestinationPath: victim)

        let result = try Self.report(ledger, pricing: try Self.pricing(in: scratch, cents: 4), out: scratch.path("reports"))
        #expect(result.status == 0, "\(result.output)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n", "the link's target was written")
        for name in ["usage.csv", "invoice_lines.csv", "flags_402.csv", "report.md"] {
            #expect(Self.isRegularFile(folder + "/" + name), "\(name) is not a regular file")
        }
    }

    @Test func reconcileNeverWritesThroughASymlinkEither() throws {
        let scratch = try Scratch("planted-link-reconcile")
        let ledger = try Self.ledger(in: scratch)
        let pricing = try Self.pricing(in: scratch, cents: 4)
        try #require(try Self.report(ledger, pricing: pricing, out: scratch.path("reports")).status == 0)
        let folder = scratch.path("reports/\(Self.month)")
        let victim = try scratch.write("victim.txt", "precious\n")
        for name in ["reconciliation.csv", ".reconciliation.md.partial"] {
            try FileManager.default.createSymbolicLink(atPath: folder + "/" + name, withDestinationPath: victim)
        }
        let result = try LedgerBinary.run(["reconcile", "--db", ledger, "--month", Self.month, "--pricing", pricing, "--out", scratch.path("reports")])
        #expect(result.status == 0, "\(result.output)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n", "the link's target was written")
        for name in ["usage.csv", "invoice_lines.csv", "flags_402.csv", "report.md", "reconciliation.csv", "reconciliation.md"] {
            #expect(Self.isRegularFile(folder + "/" + name), "\(name) is not a regular file")
        }
        #expect(try String(contentsOfFile: folder + "/report.md", encoding: .utf8).contains("<!-- reconciliation -->"))
    }

    @Test(arguments: ["report", "reconcile"])
    func aMonthFolderThatIsASymlinkIsRefusedAndItsTargetIsLeftAlone(command: String) throws {
        let scratch = try Scratch("month-link")
        let ledger = try Self.ledger(in: scratch)
        let elsewhere = scratch.path("elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try scratch.write("elsewhere/keep.txt", "kept\n")
        try FileManager.default.createDirectory(atPath: scratch.path("reports"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scratch.path("reports/\(Self.month)"), withDestinationPath: elsewhere)

        let pricing = try Self.pricing(in: scratch, cents: 4)
        let result = command == "report"
            ? try Self.report(ledger, pricing: pricing, out: scratch.path("reports"))
            : try LedgerBinary.run(["reconcile", "--db", ledger, "--month", Self.month, "--pricing", pricing, "--out", scratch.path("reports")])
        #expect(result.status == (command == "report" ? 1 : 2), "\(result.output)")
        #expect(result.stderr.contains(scratch.path("reports/\(Self.month)")), "names the folder: \(result.stderr)")
        #expect(result.stderr.contains("symbolic link"), "says what is wrong: \(result.stderr)")
        #expect(try Self.contents(of: elsewhere) == ["keep.txt": Data("kept\n".utf8)], "the link's target changed")
    }

    @Test func eightConcurrentReportsIntoOneFolderAllSucceedAndLeaveOneRunsWholeSet() throws {
        let scratch = try Scratch("concurrent-reports")
        let ledger = try Self.ledger(in: scratch)
        let prices = Array(1...8)
        // Each pricing's set, written alone first.
        var expected: [[String: Data?]] = []
        for cents in prices {
            let alone = scratch.path("alone-\(cents)")
            let result = try Self.report(ledger, pricing: try Self.pricing(in: scratch, cents: cents), out: alone)
            try #require(result.status == 0, "\(result.output)")
            expected.append(try Self.contents(of: alone + "/" + Self.month))
        }
        #expect(Set(expected.map { $0["usage.csv"]! }).count == prices.count, "the runs' sets differ")

        let shared = scratch.path("shared")
        for round in 0..<3 {
            let processes = try prices.map { cents in
                try LedgerBinary.start(["report", "--db", ledger, "--month", Self.month,
                                        "--pricing", scratch.path("pricing-\(cents).yaml"), "--out", shared])
            }
            for process in processes { process.waitUntilExit() }
            #expect(processes.map(\.terminationStatus) == Array(repeating: 0, count: prices.count), "round \(round)")
            let final = try Self.contents(of: shared + "/" + Self.month)
            #expect(expected.contains(final), "round \(round): the folder holds a mix of runs: \(final.keys.sorted())")
            #expect(try FileManager.default.contentsOfDirectory(atPath: shared) == [Self.month], "round \(round): staging folders were left")
        }
    }

    @Test func aReportThatFailsHalfWayLeavesThePreviousSetWhole() throws {
        let scratch = try Scratch("failed-set")
        let ledger = try Self.ledger(in: scratch, records: 2000)
        let out = scratch.path("reports")
        try #require(try Self.report(ledger, pricing: try Self.pricing(in: scratch, cents: 4), out: out).status == 0)
        let before = try Self.contents(of: out + "/" + Self.month)
        let sizes = before.mapValues { $0?.count ?? 0 }
        // A file size limit of 64 KB (128 blocks in sh), above the ledger's 32 KB shared-memory file and usage.csv,
        // below flags_402.csv: the new set's first files fit, a later one does not.
        let limitBlocks = 128
        try #require(sizes["usage.csv"]! < limitBlocks * 512 && sizes["flags_402.csv"]! > limitBlocks * 512, "sizes: \(sizes)")

        let failed = try LedgerBinary.runInShell(#"trap '' XFSZ; ulimit -f \#(limitBlocks); exec "$0" "$@""#,
                                                 ["report", "--db", ledger, "--month", Self.month,
                                                  "--pricing", try Self.pricing(in: scratch, cents: 5), "--out", out])
        #expect(failed.status == 1, "\(failed.output)")
        #expect(failed.stderr.contains(out + "/" + Self.month), "names the folder: \(failed.stderr)")
        #expect(failed.stderr.contains("previous report is unchanged"), "says what happened to the old set: \(failed.stderr)")
        #expect(try Self.contents(of: out + "/" + Self.month) == before, "the previous set changed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == [Self.month], "staging folders were left")
    }

    @Test func reportFilesAndTheirFolderAreTheOwnersOnly() throws {
        let scratch = try Scratch("report-modes")
        let ledger = try Self.ledger(in: scratch)
        try #require(try Self.report(ledger, pricing: try Self.pricing(in: scratch, cents: 4), out: scratch.path("reports")).status == 0)
        let folder = scratch.path("reports/\(Self.month)")
        func mode(_ path: String) throws -> Int { try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) }
        #expect(try mode(folder) == 0o700)
        #expect(try mode(folder + "/statements") == 0o700)
        let statements = try FileManager.default.contentsOfDirectory(atPath: folder + "/statements").map { "statements/" + $0 }
        #expect(!statements.isEmpty)
        for name in ["usage.csv", "invoice_lines.csv", "flags_402.csv", "report.md", "report.json"] + statements {
            #expect(try mode(folder + "/" + name) == 0o600, "\(name)")
        }
    }
}
