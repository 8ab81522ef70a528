import Foundation
import Testing

/// Output that could not be written is a failure, never a success: a cron
/// job whose CSV was cut short by a full disk must not exit 0. A reader that
/// stops early (`| head -1`) is not a failure to report: the command ends
/// quietly, as other Unix tools do.
struct StandardOutputTests {
    /// A ledger with a few records, shared by the cases.
    static func ledger(in scratch: Scratch) throws -> String {
        let ledger = scratch.path("ledger.sqlite")
        let records = (0..<20).map { HostileCorpus.goodResponse(generation: "gen_out_\($0)") }.joined(separator: "\n") + "\n"
        let ingest = try LedgerBinary.run(["ingest", "--db", ledger, try scratch.write("records.jsonl", records)])
        try #require(ingest.status == 0, "\(ingest.stderr)")
        return ledger
    }

    static let pricing = "currency: USD\ndefaultPlan: standard\nplans:\n  standard:\n    v1:\n      unitPrice: 0.04\n    v2:\n      unitPrice: 0.10\n"

    enum Command: String, CaseIterable, Sendable {
        case sqlCSV, sqlTable, sqlJSON, schema, verify, report, pricingCheck, initialize

        func arguments(ledger: String, scratch: Scratch) throws -> [String] {
            switch self {
            case .sqlCSV: return ["sql", "--db", ledger, "--format", "csv", "SELECT * FROM response_records"]
            case .sqlTable: return ["sql", "--db", ledger, "--format", "table", "SELECT * FROM response_records"]
            case .sqlJSON: return ["sql", "--db", ledger, "--format", "json", "SELECT * FROM response_records"]
            case .schema: return ["schema", "--db", ledger]
            case .verify: return ["verify", "--db", ledger]
            case .report: return ["report", "--db", ledger, "--month", "2026-10", "--out", scratch.path("reports")]
            case .pricingCheck: return ["pricing", "check", try scratch.write("pricing.yaml", StandardOutputTests.pricing)]
            case .initialize: return ["init", "--db", ledger]
            }
        }
    }

    @Test(arguments: Command.allCases)
    func aFailedWriteToStandardOutputExitsOneWithAMessage(command: Command) throws {
        let scratch = try Scratch("stdout-full")
        let ledger = try Self.ledger(in: scratch)
        let result = try LedgerBinary.runInShell(#"exec "$0" "$@" > /dev/full"#, try command.arguments(ledger: ledger, scratch: scratch))
        #expect(result.status == 1, "\(command): exit \(result.status), \(result.stderr)")
        #expect(!result.signalled)
        #expect(result.stderr.contains("cannot write to standard output"), "\(command): \(result.stderr)")
        #expect(result.stderr.contains("No space left on device"), "\(command): says why: \(result.stderr)")
    }

    @Test func aReaderThatStopsEarlyEndsTheCommandQuietlyAndNotWithSuccess() throws {
        let scratch = try Scratch("stdout-pipe")
        let ledger = try Self.ledger(in: scratch)
        // About 2 MB of rows: far more than a pipe holds, so the writer is still writing when `head` goes.
        let query = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n LIMIT 300000) SELECT x, 'row ' || x FROM n"
        let result = try LedgerBinary.runInShell(#"{ "$0" "$@"; echo "exit $?" >&3; } 3>&2 | head -1 > /dev/null"#,
                                                 ["sql", "--db", ledger, "--format", "csv", query])
        #expect(result.status == 0, "the shell: \(result.output)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "nothing but the status on standard error: \(result.stderr)")
        #expect(lines.first.map { $0 == "exit 141" || $0 == "exit 1" } == true, "ends by SIGPIPE or exits 1: \(result.stderr)")
    }
}
