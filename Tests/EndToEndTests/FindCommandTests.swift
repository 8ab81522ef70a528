import Foundation
import Testing

/// `axis-ledger find ID`, run as a person would, on a ledger made by `ingest`.
struct FindCommandTests {
    /// Responses: a generation billed once and replayed the next day from a second file, a 402
    /// carrying a requestId, and a bad line that mentions the generation; the request log has
    /// the same 402 (one event with the response record) and the replayed request.
    final class Ledger {
        let folder: URL
        var path: String { folder.appendingPathComponent("ledger.sqlite").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("axis-find-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try write("october.jsonl", """
                {"timestamp":"2026-10-03T10:15:22.120Z","orgId":"org_acme","endpoint":"/v2/cinematic-image","httpStatus":200,"idempotencyKey":"7c9e6679-7425-40de-944b-e07fc1f90ae7","requestId":"req_first","response":{"success":true,"generationId":"gen_456"}}
                {"timestamp":"2026-10-04T09:00:00.000Z","orgId":"org_beta","endpoint":"/v1/generate-image","httpStatus":402,"response":{"success":false,"code":"insufficient_balance","requestId":"req_77ab"}}
                {"timestamp":"2026-10-05T09:00:00.000Z","orgId":"org_acme","endpoint":"/v2/cinematic-image","httpStatus":"200","response":{"generationId":"gen_456"}}

                """)
            try write("replay.jsonl", """
                {"timestamp":"2026-10-04T10:15:22.120Z","orgId":"org_acme","endpoint":"/v2/cinematic-image","httpStatus":200,"idempotencyKey":"7c9e6679-7425-40de-944b-e07fc1f90ae7","requestId":"req_replay","response":{"success":true,"generationId":"gen_456"}}

                """)
            try write("requests.jsonl", """
                {"timestamp":"2026-10-04T08:59:59.900Z","orgId":"org_beta","endpoint":"/v1/generate-image","httpStatus":402,"method":"POST","requestId":"req_77ab"}
                {"timestamp":"2026-10-04T10:15:21.000Z","orgId":"org_acme","endpoint":"/v2/cinematic-image","httpStatus":200,"method":"POST","idempotencyKey":"7c9e6679-7425-40de-944b-e07fc1f90ae7","requestId":"req_replay"}

                """)
            for (file, kind) in [("october.jsonl", "responses"), ("replay.jsonl", "responses"), ("requests.jsonl", "requests")] {
                let result = try CommandRunner.run(["ingest", "--db", path, "--kind", kind, folder.appendingPathComponent(file).path])
                #expect(result.status == 0, "ingest \(file): \(result.stderr)")
            }
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }

        func find(_ arguments: [String]) throws -> CommandRunner.Result {
            try CommandRunner.run(["find", "--db", path, "--format", "csv"] + arguments)
        }
    }

    /// (what, matched_as, file, line) of each row, in order.
    static func rows(_ csv: String) -> [String] {
        // "\r\n" is one Character in Swift: split the unicode scalars' text on "\n" after dropping "\r".
        csv.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(4).joined(separator: ",") }
    }

    @Test func aGenerationIdShowsEveryRecordTheBilledGenerationAndTheRejectThatMentionsIt() throws {
        let ledger = try Ledger()
        let result = try ledger.find(["gen_456"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("what,matched_as,file,line,occurred_at,month,org_id,version,http_status,generation_id,request_id,idempotency_key,detail\r\n"))
        #expect(Self.rows(result.stdout) == [
            "response_record,generation_id,october.jsonl,1",
            "response_record,generation_id,replay.jsonl,1",
            "billed_generation,generation_id,october.jsonl,1",
            "rejected_line,line text,october.jsonl,3",
        ])
    }

    @Test func anIdempotencyKeyFindsTheResponseRecordsAndTheRequestLogLine() throws {
        let ledger = try Ledger()
        let result = try ledger.find(["7c9e6679-7425-40de-944b-e07fc1f90ae7"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.rows(result.stdout) == [
            "response_record,idempotency_key,october.jsonl,1",
            "response_record,idempotency_key,replay.jsonl,1",
            "request_attempt,idempotency_key,requests.jsonl,2",
            "billed_generation,generation_id,october.jsonl,1",
        ])
    }

    @Test func aRequestIdOfA402ShowsBothLinesAndOneEventToldByTheResponseRecord() throws {
        let ledger = try Ledger()
        let result = try ledger.find(["req_77ab"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.rows(result.stdout) == [
            "response_record,request_id,october.jsonl,2",
            "request_attempt,request_id,requests.jsonl,1",
            "event_402,request_id,october.jsonl,2",
        ])
        #expect(result.stdout.contains("told by a response record"))
    }

    @Test func kindNarrowsTheColumnsSearched() throws {
        let ledger = try Ledger()
        let asRequest = try ledger.find(["--kind", "request", "gen_456"])
        // Not a request id anywhere; the reject still mentions it in its text.
        #expect(Self.rows(asRequest.stdout) == ["rejected_line,line text,october.jsonl,3"])
        let asGeneration = try ledger.find(["--kind", "generation", "req_77ab"])
        #expect(asGeneration.status == 1)
        #expect(asGeneration.stdout.isEmpty)
    }

    @Test func anIdNothingCarriesExitsOneAndSaysSo() throws {
        let ledger = try Ledger()
        let result = try ledger.find(["gen_nowhere"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("find: nothing in \(ledger.path) carries gen_nowhere (as a generation, request or idempotency-key id, or in a rejected line)"))
    }

    @Test func aSecretGivenAsTheIdIsNotEchoed() throws {
        let ledger = try Ledger()
        let result = try ledger.find(["Bearer sk_live_51Hq2plantedSecretValue0123456789"])
        #expect(result.status == 1)
        #expect(!result.stderr.contains("plantedSecret"), "\(result.stderr)")
    }

    @Test func eachFormatPrintsTheSameRows() throws {
        let ledger = try Ledger()
        let json = try CommandRunner.run(["find", "--db", ledger.path, "--format", "json", "req_77ab"])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(objects.map { $0["what"] as? String } == ["response_record", "request_attempt", "event_402"])
        let markdown = try CommandRunner.run(["find", "--db", ledger.path, "--format", "markdown", "req_77ab"])
        #expect(markdown.stdout.split(separator: "\n").count == 5)  // header, rule, three rows
    }

    @Test func unknownKindOrFormatIsAnArgumentMistake() throws {
        let ledger = try Ledger()
        let kind = try CommandRunner.run(["find", "--db", ledger.path, "--kind", "generations", "x"])
        #expect(kind.status == 64)
        #expect(kind.stderr.contains("Unknown --kind 'generations'; use one of: generation, request, idempotency-key."))
        let missing = try CommandRunner.run(["find", "--db", ledger.path])
        #expect(missing.status == 64)
    }

    /// The query `find --show-sql` prints gives the same rows in the sqlite3 shell.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func theShownQueryAnswersTheSameInTheSqlite3Shell() throws {
        let ledger = try Ledger()
        let sql = try CommandRunner.run(["find", "--show-sql"]).stdout
        let script = ".headers on\n.mode csv\n.parameter set :id \"'req_77ab'\"\n" + sql
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = ["-readonly", ledger.path]
        let input = Pipe(), output = Pipe()
        shell.standardInput = input
        shell.standardOutput = output
        try shell.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        let ours = try ledger.find(["req_77ab"]).stdout
        #expect(Self.rows(printed) == Self.rows(ours))
        #expect(Self.rows(printed).count == 3)
    }
}
