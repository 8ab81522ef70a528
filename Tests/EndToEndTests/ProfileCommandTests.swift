import AxisLedger
import Foundation
import GRDB
import Testing

/// Input profiles through the binary: the sample month in each shipped
/// profile's shape gives the same figures as the documented shape, bad
/// profiles are refused before any line is read, `profile check`/`try`, the
/// all-rejected exit status, provenance and the secret rule.
struct ProfileCommandTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("axis-profiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    private func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    private func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:], in directory: URL? = nil) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments, stdin: stdin, environment: environment, in: directory ?? folder)
    }

    /// Every figure a month's reports are made of, read from the views, and the reject count.
    private func figures(_ ledger: String) throws -> [String] {
        let queue = try DatabaseQueue(path: ledger)
        return try queue.read { db in
            var out: [String] = []
            for (view, order) in [("billed_generations", "generation_id"), ("events_402", "occurred_at, org_id, request_id"), ("monthly_usage", "month, org_id, version")] {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(view) ORDER BY \(order)")
                out.append("\(view): \(rows.count) rows")
                out += rows.map { row in row.columnNames.filter { $0 != "source_file" && $0 != "file_id" }.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: " ") }
            }
            out.append("rejected: \(try Int.fetchOne(db, sql: "SELECT sum(rejected) FROM ingested_files") ?? -1)")
            out.append("request_attempts: \(try Int.fetchOne(db, sql: "SELECT count(*) FROM request_attempts") ?? -1)")
            return out
        }
    }

    /// A sample month in `sub/`, the file of the profile's kind in its shape renamed to the documented
    /// name (so that reports, which name the files, can be compared byte for byte), ingested and reported.
    private func month(in sub: String, profile: String?, kind: String, badLines: Bool) throws -> (ledger: String, reports: URL) {
        let base = folder.appendingPathComponent(sub)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        var sample = ["sample", "--records", "1500", "--orgs", "5", "--out", "in"]
        if badLines { sample.append("--with-bad-lines") }
        if let profile { sample += ["--profile", profile] }
        let written = try run(sample, in: base)
        #expect(written.status == 0, "\(written.stderr)")
        let responses = "in/responses.jsonl", requests = "in/requests.csv"
        if let profile {
            let shaped = "in/\(kind).\(profile).jsonl"
            #expect(FileManager.default.fileExists(atPath: base.appendingPathComponent(shaped).path), "\(written.stdout)")
            try FileManager.default.moveItem(at: base.appendingPathComponent(shaped), to: base.appendingPathComponent(kind == "responses" ? responses : requests))
        }
        let profiled = kind == "responses" ? responses : requests
        let other = kind == "responses" ? requests : responses
        var first = ["ingest", "--db", "ledger.sqlite", profiled]
        if let profile { first += ["--profile", profile] }
        let one = try run(first, in: base)
        #expect(one.status == 0, "\(one.stderr)")
        if profile != nil { #expect(one.stdout.contains("profile \(profile!)"), "\(one.stdout)") }
        let two = try run(["ingest", "--db", "ledger.sqlite", other], in: base)
        #expect(two.status == 0, "\(two.stderr)")
        let report = try run(["report", "--db", "ledger.sqlite", "--month", "2026-10", "--pricing", pricingPath, "--out", "reports"], in: base)
        #expect(report.status == 0, "\(report.stderr)")
        return (base.appendingPathComponent("ledger.sqlite").path, base.appendingPathComponent("reports/2026-10"))
    }

    /// report.md with each ingested file's SHA-256 prefix replaced by `<sha256>`.
    private func withoutFileDigests(_ month: (ledger: String, reports: URL)) throws -> String {
        var text = try String(contentsOf: month.reports.appendingPathComponent("report.md"), encoding: .utf8)
        let digests = try DatabaseQueue(path: month.ledger).read { db in try String.fetchAll(db, sql: "SELECT sha256 FROM ingested_files") }
        for digest in digests {
            for length in [64, 16, 12, 8] { text = text.replacingOccurrences(of: String(digest.prefix(length)), with: "<sha256>") }
        }
        return text
    }

    private var pricingPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("reports/example/pricing.yaml").path
    }

    static let shipped: [(profile: String, kind: String)] = [
        ("snake_case", "responses"), ("snake_case_requests", "requests"), ("nginx_json", "requests"), ("har", "responses"),
    ]

    @Test(arguments: shipped)
    func theSampleMonthInAShippedProfilesShapeGivesTheSameFiguresAndReports(profile: String, kind: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let documented = try month(in: "documented", profile: nil, kind: kind, badLines: false)
        let shaped = try month(in: "shaped", profile: profile, kind: kind, badLines: false)
        let expected = try figures(documented.ledger)
        #expect(expected.contains { $0.hasPrefix("billed_generations: ") && $0 != "billed_generations: 0 rows" })
        #expect(try figures(shaped.ledger) == expected)
        for file in ["usage.csv", "invoice_lines.csv", "flags_402.csv"] {
            let a = try Data(contentsOf: documented.reports.appendingPathComponent(file))
            let b = try Data(contentsOf: shaped.reports.appendingPathComponent(file))
            #expect(a == b, "\(file) differs in the \(profile) shape")
        }
        // report.md lists the files read with the start of their SHA-256: provenance, which differs with the bytes.
        let a = try withoutFileDigests(documented), b = try withoutFileDigests(shaped)
        #expect(a == b, "report.md differs in the \(profile) shape")
        #expect(a.contains("| in/responses.jsonl | <sha256> |"), "the files table is there: \(a)")
        // Provenance: the profile's name and the SHA-256 of its bytes.
        let sha = SHA256.hex(SHA256.hash(Array(try Data(contentsOf: URL(fileURLWithPath: pricingPath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("profiles/\(profile).yaml")))))
        let rows = try DatabaseQueue(path: shaped.ledger).read { db in
            try Row.fetchAll(db, sql: "SELECT path, profile_name, profile_sha256 FROM ingested_files ORDER BY id")
        }
        #expect(rows.count == 2)
        #expect(rows[0]["profile_name"] as String? == profile)
        #expect(rows[0]["profile_sha256"] as String? == sha)
        #expect(rows[1]["profile_name"] as String? == nil, "the other file was read in the documented shape")
    }

    @Test(arguments: shipped)
    func withBadLinesTheRejectsCountAndTheFiguresAreTheSame(profile: String, kind: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let documented = try month(in: "documented", profile: nil, kind: kind, badLines: true)
        let shaped = try month(in: "shaped", profile: profile, kind: kind, badLines: true)
        let expected = try figures(documented.ledger)
        #expect(expected.contains { $0.hasPrefix("rejected: ") && $0 != "rejected: 0" })
        #expect(try figures(shaped.ledger) == expected)
    }

    @Test func aFileWhoseEveryLineIsRejectedSaysSoFirstAndExits1UnlessAllowed() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let line = #"{"timestamp":"2026-10-01T00:00:00Z","org_id":"org_a","endpoint":"/v1/generate-image","httpStatus":200,"response":{"success":true,"generationId":"g"}}"#
        let file = try write("snake.jsonl", line + "\n" + line.replacingOccurrences(of: #""g""#, with: #""h""#) + "\n")
        let refused = try run(["ingest", "--db", "ledger.sqlite", file])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("every line was rejected (2), nothing stored; 2 of them miss the required field \"orgId\""), "\(refused.stderr)")
        #expect(refused.stderr.contains("map it with an input profile (--profile, see docs/input-formats.md)"))
        #expect(refused.stdout.contains(#"missing required field "orgId" (found "org_id": map it with an input profile, see docs/input-formats.md)"#), "\(refused.stdout)")
        let kept = try DatabaseQueue(path: path("ledger.sqlite")).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM rejected_lines") }
        #expect(kept == 2, "the lines are still quarantined")

        let again = try write("snake2.jsonl", line.replacingOccurrences(of: #""g""#, with: #""i""#) + "\n")
        let allowed = try run(["ingest", "--db", "ledger.sqlite", "--allow-all-rejected", again])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.hasPrefix("\(again): every line was rejected (1)"), "said first: \(allowed.stdout)")

        let snake = #"{"timestamp":"2026-10-01T00:00:00Z","org_id":"org_a","endpoint":"/v1/generate-image","http_status":200,"response":{"success":true,"generation_id":"j"}}"#
        let mapped = try write("snake3.jsonl", snake + "\n")
        let withProfile = try run(["ingest", "--db", "ledger.sqlite", "--profile", "snake_case", mapped])
        #expect(withProfile.status == 0, "\(withProfile.stderr)")
        #expect(withProfile.stdout.contains("1 accepted"))
    }

    @Test func aBadProfileIsRefusedBeforeAnyLineIsReadWithFileLineAndWhatToWrite() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let profile = try write("bad.yaml", "kind: responses\nfields:\n  orgId: org_id\n  colour: /c\ntimestamp:\n  timezone: Mars/Olympus\n")
        let log = try write("log.jsonl", "{}\n")
        let ingest = try run(["ingest", "--db", "ledger.sqlite", "--profile", profile, log])
        #expect(ingest.status == 1)
        #expect(ingest.stderr.contains("bad.yaml:3: fields.orgId: `org_id` is not a JSON Pointer: a pointer starts with `/`, e.g. `/org_id`"), "\(ingest.stderr)")
        #expect(ingest.stderr.contains("bad.yaml:4: fields.colour: unknown field `colour`"))
        #expect(ingest.stderr.contains("bad.yaml:6: timestamp.timezone: unknown time zone `Mars/Olympus`"))
        #expect(ingest.stderr.contains("3 problems in the profile; nothing was read"))
        #expect(!FileManager.default.fileExists(atPath: path("ledger.sqlite")), "no ledger opened, no line read")
        let check = try run(["profile", "check", profile])
        #expect(check.status == 1)
        #expect(check.stderr.contains("bad.yaml:3: fields.orgId:"))
        let viaEnvironment = try run(["ingest", "--db", "ledger.sqlite", log], environment: ["AXIS_LEDGER_PROFILE": profile])
        #expect(viaEnvironment.status == 1)
        #expect(viaEnvironment.stderr.contains("bad.yaml:6: timestamp.timezone"))
    }

    @Test func profileCheckPrintsWhatItMaps() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let profile = try write("acme.yaml", """
            name: acme-gateway
            kind: requests
            fields:
              orgId: "header:X-External-Org-Id"
              httpStatus: /status
            constants:
              method: POST
            timestamp:
              format: epoch_millis
            """)
        let check = try run(["profile", "check", profile])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("valid input profile acme-gateway (requests, jsonl), SHA-256 "))
        #expect(check.stdout.contains("times: milliseconds since the Unix epoch"))
        #expect(check.stdout.contains("headers: at /headers"))
        #expect(check.stdout.contains("<- header:X-External-Org-Id"))
        #expect(check.stdout.contains("=  POST (constant)"))
        #expect(check.stdout.contains("read under their documented names: timestamp, endpoint, idempotencyKey"))
    }

    @Test func profileTryPrintsEachRecordOrReasonStoresNothingAndExits1WhenAnyIsRejected() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = #"{"timestamp":"2026-10-01T00:00:00Z","org_id":"org_a","endpoint":"/v1/generate-image","http_status":200,"response":{"success":true,"generation_id":"g1"}}"#
        let bad = good.replacingOccurrences(of: #""http_status":200"#, with: #""http_status":"200""#)
        let log = try write("log.jsonl", ([good, bad] + Array(repeating: good, count: 12)).joined(separator: "\n") + "\n")
        let tried = try run(["profile", "try", "snake_case", log])
        #expect(tried.status == 1)
        #expect(tried.stdout.contains(#"line 1: {"timestamp":"2026-10-01T00:00:00.000Z","orgId":"org_a","endpoint":"/v1/generate-image","httpStatus":200,"response":{"success":true,"generationId":"g1"}}"#), "\(tried.stdout)")
        #expect(tried.stdout.contains(#"line 2: rejected: "/http_status" (httpStatus) must be an integer, found a string"#))
        #expect(tried.stdout.contains("10 lines tried with profile snake_case: 9 map, 1 would be rejected; nothing stored"))
        #expect(!tried.stdout.contains("line 11:"))
        let one = try run(["profile", "try", "snake_case", log, "--lines", "1"])
        #expect(one.status == 0)
        #expect(one.stdout.contains("1 line tried"))
        let stdin = try run(["profile", "try", "snake_case", "-", "--lines", "3"], stdin: Data((good + "\n").utf8))
        #expect(stdin.status == 0, "\(stdin.stderr)")
        #expect(stdin.stdout.contains("standard input: 1 line tried"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["log.jsonl"], "nothing stored, no ledger made")
    }

    /// The secret rule, end to end: the database never holds the mapped header's token.
    @Test func aProfileMappingRequestIdOntoAuthorizationStoresRedacted() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let profile = try write("leak.yaml", "kind: requests\nfields:\n  requestId: /headers/Authorization\n")
        let token = "sk_live_51HxQpTLzA9bC8dE7fG6hI5jK4"
        let log = try write("log.jsonl", #"{"timestamp":"2026-10-01T00:00:00Z","orgId":"org_a","endpoint":"/v1/generate-image","httpStatus":200,"headers":{"Authorization":"Bearer \#(token)"}}"# + "\n")
        let ingest = try run(["ingest", "--db", "ledger.sqlite", "--profile", profile, log])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let stored = try DatabaseQueue(path: path("ledger.sqlite")).read { db in try String.fetchOne(db, sql: "SELECT request_id FROM request_attempts") }
        #expect(stored == "[redacted]")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path("ledger.sqlite")))
        #expect(bytes.range(of: Data(token.utf8)) == nil, "the token is nowhere in the database file")
    }
}
