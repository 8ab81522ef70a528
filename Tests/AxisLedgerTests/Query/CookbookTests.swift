import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// docs/queries.md is executable documentation: every query in it runs,
/// read-only as the `sql` command runs it, on the sample month and answers
/// with at least one row, and a few answers agree with what the sample
/// generator knows it wrote.
struct CookbookTests {
    /// The `--param` arguments the cookbook tells people to pass, as they
    /// would type them; each query gets those it names.
    static let parameterArguments: [String: String] = [
        "month": "month=2026-10",
        "org": "org=org_acme",
        "n": "n:=5",
        "generation": "generation=\(CookbookLedger.carriedOverV2Generation)",
        "id": "id=\(CookbookLedger.carriedOverV2Generation)",
    ]

    static let entries: [CookbookEntry] = (try? CookbookEntry.load()) ?? []

    @Test func theCookbookAsksAtLeastTwelveQuestions() throws {
        let entries = try CookbookEntry.load()
        #expect(entries.count >= 12)
        #expect(entries.flatMap(\.queries).count >= 12)
    }

    /// The cookbook's "carries the id" query is the one `axis-ledger find` runs, letter for letter.
    @Test func theIdQueryIsTheOneFindRuns() throws {
        let entry = try #require(try CookbookEntry.load().first { $0.question.hasPrefix("What in the ledger carries the id") })
        #expect(entry.queries.first?.trimmingCharacters(in: .whitespacesAndNewlines) == IdLookup.sql() + ";")
    }

    @Test(arguments: entries)
    func everyQuestionHasExactlyOneQuery(_ entry: CookbookEntry) {
        #expect(entry.question.hasSuffix("?"), "a cookbook heading asks a question: \(entry.question)")
        #expect(entry.queries.count == 1, "\(entry.question): \(entry.queries.count) sql blocks")
    }

    @Test(arguments: entries)
    func everyQueryAnswersOnTheSampleMonth(_ entry: CookbookEntry) async throws {
        let result = try await CookbookLedger.run(try #require(entry.queries.first))
        #expect(!result.rows.isEmpty, "\(entry.question): no row on the sample month")
    }

    /// The cookbook says a count given as text (`n=5`, as Datasette sends
    /// it) answers like `n:=5`.
    @Test(arguments: entries.filter { $0.queries.first?.contains(":n") == true })
    func aCountGivenAsTextGivesTheSameAnswer(_ entry: CookbookEntry) async throws {
        let sql = try #require(entry.queries.first)
        let asInteger = try await CookbookLedger.run(sql)
        let asText = try await CookbookLedger.run(sql, overriding: ["n": "n=5"])
        #expect(asText == asInteger)
    }

    @Test func usageByOrgAndMonthAddsUpToTheSampleBilledGenerations() async throws {
        let ledger = try await CookbookLedger.shared.value
        let result = try await CookbookLedger.run(try Self.query(startingWith: "How many generations did each org have billed, by month"))
        var expected: [String: (v1: Int64, v2: Int64)] = [:]
        for count in ledger.summary.billedGenerations {
            let generations = Int64(count.generations)
            switch count.version {
            case .v1: expected[count.orgId, default: (0, 0)].v1 += generations
            case .v2: expected[count.orgId, default: (0, 0)].v2 += generations
            }
        }
        expected["org_acme", default: (0, 0)].v1 += 1 // the carried-over generations
        expected["org_acme", default: (0, 0)].v2 += 1
        var found: [String: (v1: Int64, v2: Int64)] = [:]
        for row in result.rows {
            #expect(try result.text(row, "month") == "2026-10")
            found[try result.text(row, "org_id")] = (try result.integer(row, "v1"), try result.integer(row, "v2"))
        }
        #expect(found.mapValues { [$0.v1, $0.v2] } == expected.mapValues { [$0.v1, $0.v2] })
        let total = try result.rows.reduce(Int64(0)) { $0 + (try result.integer($1, "total")) }
        #expect(total == Int64(ledger.summary.totalBilledGenerations + 2))
    }

    @Test func rejectedLinesByReasonAreTheSampleMalformedLines() async throws {
        let ledger = try await CookbookLedger.shared.value
        let result = try await CookbookLedger.run(try Self.query(startingWith: "Why were lines rejected"))
        let lines = try result.rows.reduce(Int64(0)) { $0 + (try result.integer($1, "lines")) }
        #expect(lines == Int64(ledger.summary.malformedLines))
        // Every sample bad line has its own reason, so each is the first line of its group.
        let reported = Set(try result.rows.map { "\(try result.text($0, "file")):\(try result.integer($0, "first_line"))" })
        let expected = Set(ledger.summary.badLines.filter(\.kind.isMalformed).map { bad in
            "sample/\(bad.file == .responses ? SampleGenerator.responsesFileName : SampleGenerator.requestsFileName):\(bad.lineNumber)"
        })
        #expect(reported == expected)
    }

    @Test func theMonthBeforeQuestionFindsExactlyTheCarriedOverGenerations() async throws {
        let result = try await CookbookLedger.run(try Self.query(startingWith: "Which generations billed in :month were first requested in the month before"))
        #expect(try result.rows.map { try result.text($0, "generation_id") } == [
            CookbookLedger.carriedOverV1Generation, CookbookLedger.carriedOverV2Generation,
        ])
        #expect(try result.rows.map { try result.text($0, "first_requested_at") } == [
            "2026-09-30T23:59:59.800Z", "2026-09-30T23:59:58.500Z",
        ])
    }

    /// Every 402 of the sample is in exactly one streak: the streak lengths add up to the 402 records written.
    @Test func the402StreaksCoverEverySample402() async throws {
        let ledger = try await CookbookLedger.shared.value
        let written = try #require(ledger.summary.statusCounts.first { $0.httpStatus == 402 }).records
        let result = try await CookbookLedger.run(try Self.query(startingWith: "What were the 402 streaks of each org"))
        let events = try result.rows.reduce(Int64(0)) { $0 + (try result.integer($1, "events_402")) }
        #expect(events == Int64(written))
    }

    static func query(startingWith question: String) throws -> String {
        let entry = try #require(try CookbookEntry.load().first { $0.question.hasPrefix(question) },
                                 "docs/queries.md has no question starting \"\(question)\"")
        return try #require(entry.queries.first)
    }
}

/// One `###` section of docs/queries.md: a question and its ```sql blocks.
struct CookbookEntry: Sendable, CustomTestStringConvertible {
    var question: String
    var queries: [String]

    var testDescription: String { question }

    static func load() throws -> [CookbookEntry] {
        let url = try SchemaDocumentationTests.packageRoot().appendingPathComponent("docs/queries.md")
        return parse(try String(contentsOf: url, encoding: .utf8))
    }

    static func parse(_ markdown: String) -> [CookbookEntry] {
        var entries: [CookbookEntry] = []
        var block: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if var lines = block {
                if line.hasPrefix("```") {
                    entries[entries.count - 1].queries.append(lines.joined(separator: "\n"))
                    block = nil
                } else {
                    lines.append(line)
                    block = lines
                }
            } else if line.hasPrefix("### ") {
                entries.append(CookbookEntry(question: String(line.dropFirst(4)), queries: []))
            } else if line.hasPrefix("## ") {
                // A new group ends the entry; sql blocks outside an entry are not questions.
                entries.append(CookbookEntry(question: "", queries: []))
            } else if line == "```sql", !entries.isEmpty {
                block = []
            }
        }
        return entries.filter { !$0.question.isEmpty }
    }
}

/// The sample month as `axis-ledger demo` generates it (default
/// configuration, with bad lines), ingested once for the whole suite, plus
/// two generations carried over from September, with October closed: the sample lies in one
/// month, so without them the month-before question would have nothing to
/// find.
final class CookbookLedger: Sendable {
    let path: String
    let summary: SampleSummary

    static let carriedOverV1Generation = "gen_c0ffee0000000002"
    static let carriedOverV2Generation = "gen_c0ffee0000000001"

    /// Built on first use, in a task so that the tests waiting for it
    /// suspend instead of holding threads other suites need; takes several
    /// seconds in a debug build.
    static let shared = Task { try CookbookLedger() }

    /// Removed when the test process exits.
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("axis-ledger-cookbook-\(UUID().uuidString)")

    /// A 503 at 23:59:58 on 30 September retried into a 200 on 1 October
    /// (v2), and a v1 request that arrived on 30 September and was answered
    /// on 1 October: both billed in October, first requested in September.
    static let carriedOverResponses = """
        {"timestamp":"2026-09-30T23:59:58.500Z","orgId":"org_acme","endpoint":"/v2/cinematic-image","httpStatus":503,"idempotencyKey":"0c0ffee0-0000-4000-8000-000000000001","requestId":"req_carry0000001","durationMs":120,"request":{"prompt":"a lighthouse at midnight","category":"category_landscape","aspectRatio":"16:9","resolution":"2K","cinematicMode":true},"response":{"success":false,"code":"service_unavailable","message":"The service is temporarily overloaded; retry with the same Idempotency-Key","requestId":"req_carry0000001"}}
        {"timestamp":"2026-10-01T00:00:03.100Z","orgId":"org_acme","endpoint":"/v1/generate-image","httpStatus":200,"idempotencyKey":"0c0ffee0-0000-4000-8000-000000000002","requestId":"req_carry0000002","durationMs":3300,"request":{"prompt":"a clock striking twelve","category":"category_blog_header","aspectRatio":"1:1","resolution":"1K"},"response":{"success":true,"generationId":"gen_c0ffee0000000002","imageUrl":"https://cdn.studioaxis.io/outputs/gen_c0ffee0000000002.png","providerLatencyMs":2900}}
        {"timestamp":"2026-10-01T00:00:04.250Z","orgId":"org_acme","endpoint":"/v2/cinematic-image","httpStatus":200,"idempotencyKey":"0c0ffee0-0000-4000-8000-000000000001","requestId":"req_carry0000003","durationMs":4100,"request":{"prompt":"a lighthouse at midnight","category":"category_landscape","aspectRatio":"16:9","resolution":"2K","cinematicMode":true},"response":{"success":true,"generationId":"gen_c0ffee0000000001","imageUrl":"https://cdn.studioaxis.io/outputs/gen_c0ffee0000000001.png","visualMetaphor":"a beam of light as guidance","semanticTranslationMs":800,"providerLatencyMs":3100}}

        """
    static let carriedOverRequests = """
        timestamp,orgId,endpoint,httpStatus,method,idempotencyKey,requestId,durationMs,retryAfter,rateLimitRemaining
        2026-09-30T23:59:58.500Z,org_acme,/v2/cinematic-image,503,POST,0c0ffee0-0000-4000-8000-000000000001,req_carry0000001,120,,59
        2026-09-30T23:59:59.800Z,org_acme,/v1/generate-image,200,POST,0c0ffee0-0000-4000-8000-000000000002,req_carry0000002,3300,,58
        2026-10-01T00:00:04.250Z,org_acme,/v2/cinematic-image,200,POST,0c0ffee0-0000-4000-8000-000000000001,req_carry0000003,4100,,59

        """

    private init() throws {
        let folder = Self.folder
        atexit { _ = try? FileManager.default.removeItem(at: CookbookLedger.folder) }
        let sampleFolder = folder.appendingPathComponent("sample")
        summary = try SampleGenerator(configuration: SampleConfiguration(withBadLines: true)).write(to: sampleFolder)
        let carriedOver = [("carryover.jsonl", Self.carriedOverResponses), ("carryover.csv", Self.carriedOverRequests)]
        for (name, text) in carriedOver {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        path = folder.appendingPathComponent("ledger.sqlite").path
        let ledger = try LedgerDatabase(path: path)
        let ingestor = Ingestor(ledger: ledger)
        let files = ["sample/\(SampleGenerator.responsesFileName)", "sample/\(SampleGenerator.requestsFileName)"] + carriedOver.map(\.0)
        for file in files {
            let report = ingestor.ingest(path: folder.appendingPathComponent(file).path, recordedPath: file)
            guard report.outcome == .ingested else { throw CookbookFixtureError(file: file, outcome: report.outcome) }
        }
        // October closed with the example pricing, for the closed-month questions.
        let pricingText = try String(contentsOfFile: BillingFixtures.exampleFilePath, encoding: .utf8)
        _ = try MonthCloser(ledger: ledger).close(month: "2026-10", rules: try PricingRules.loadForReport(path: BillingFixtures.exampleFilePath),
                                                  pricingText: pricingText, note: nil, closedBy: "cookbook",
                                                  now: Date(timeIntervalSince1970: 1_793_610_000), outputFolder: folder.appendingPathComponent("reports").path)
        try? FileManager.default.removeItem(at: sampleFolder)
    }

    /// Runs `sql` as `axis-ledger sql` does: on the ledger opened read-only,
    /// with the cookbook's parameters for the names the query uses.
    static func run(_ sql: String, overriding overrides: [String: String] = [:]) async throws -> QueryResult {
        let ledger = try LedgerDatabase(path: try await shared.value.path, readOnly: true)
        let parameters = try parameters(for: sql, in: ledger, overriding: overrides)
        return try QueryRunner(ledger: ledger).run(sql, parameters: parameters)
    }

    /// The `--param` arguments for the names `sql` uses, parsed as the `sql` command parses them.
    static func parameters(for sql: String, in ledger: LedgerDatabase, overriding overrides: [String: String]) throws -> QueryParameters {
        let runner = QueryRunner(ledger: ledger)
        let names = try ledger.queue.read { db in
            try runner.prepare(sql, in: db).flatMap { try runner.parameterNames(of: $0) }
        }
        var arguments: [String] = []
        var seen = Set<String>()
        for name in names where seen.insert(name).inserted {
            let argument = try #require(overrides[name] ?? CookbookTests.parameterArguments[name],
                                        "the cookbook test has no value for :\(name)")
            arguments.append(argument)
        }
        return try QueryParameters(arguments: arguments)
    }
}

struct CookbookFixtureError: Error, CustomStringConvertible {
    var file: String
    var outcome: FileIngestReport.Outcome

    var description: String { "the cookbook ledger could not ingest \(file): \(outcome)" }
}

private extension QueryResult {
    func value(_ row: [QueryValue], _ column: String) throws -> QueryValue {
        let index = try #require(columns.firstIndex(of: column), "no column \(column) in \(columns)")
        return row[index]
    }

    func text(_ row: [QueryValue], _ column: String) throws -> String {
        guard case .text(let text) = try value(row, column) else { throw CookbookValueError(column: column, value: try value(row, column)) }
        return text
    }

    func integer(_ row: [QueryValue], _ column: String) throws -> Int64 {
        guard case .integer(let number) = try value(row, column) else { throw CookbookValueError(column: column, value: try value(row, column)) }
        return number
    }
}

struct CookbookValueError: Error, CustomStringConvertible {
    var column: String
    var value: QueryValue

    var description: String { "column \(column) holds \(value), not the expected type" }
}
