import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// The month's figures as the report reads them: each read the fast way
/// (docs/reports.md) and each the same as the plain SQL of
/// ``MonthDataReference`` would give.
struct MonthDataLoaderTests {
    let folder: TemporaryDirectory
    let ledger: LedgerDatabase

    init() throws {
        folder = try TemporaryDirectory()
        ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
    }

    @discardableResult
    private func ingest(_ name: String, _ lines: [String]) throws -> String {
        let path = try folder.write(name, lines.joined(separator: "\n") + "\n")
        let report = Ingestor(ledger: ledger).ingest(path: path)
        #expect(report.outcome == .ingested)
        return path
    }

    private func load(_ month: String = "2026-10") throws -> MonthData {
        try MonthDataLoader(ledger: ledger).load(month: month)
    }

    /// A response line with the fields the month's figures read; a 200 with a
    /// generationId is billed.
    static func response(_ time: String, org: String = "org_a", version: APIVersion = .v2, status: Int = 200,
                         generation: String? = nil, semantic: Int? = nil, provider: Int? = nil, code: String? = nil,
                         request: String) -> String {
        let endpoint = version == .v1 ? "/v1/generate-image" : "/v2/cinematic-image"
        var body = [#""success":\#(status == 200 && code == nil)"#]
        if let generation { body.append(#""generationId":"\#(generation)""#) }
        if let semantic { body.append(#""semanticTranslationMs":\#(semantic)"#) }
        if let provider { body.append(#""providerLatencyMs":\#(provider)"#) }
        if let code { body.append(#""code":"\#(code)""#) }
        return #"{"timestamp":"\#(time)","orgId":"\#(org)","endpoint":"\#(endpoint)","httpStatus":\#(status),"requestId":"\#(request)","response":{\#(body.joined(separator: ","))}}"#
    }

    @Test func latencyPercentilesAreOverTheMonthsV2SuccessesThatCarryTheValueAcrossOrgs() throws {
        try ingest("a.jsonl", [
            // Counted: v2, status 200, October, two orgs; one value of each is missing.
            Self.response("2026-10-02T10:00:00.000Z", org: "org_a", generation: "g1", semantic: 300, provider: 4000, request: "r1"),
            Self.response("2026-10-03T10:00:00.000Z", org: "org_b", generation: "g2", semantic: 100, provider: 1000, request: "r2"),
            Self.response("2026-10-04T10:00:00.000Z", org: "org_a", generation: "g3", semantic: 900, request: "r3"),
            Self.response("2026-10-05T10:00:00.000Z", org: "org_b", generation: "g4", semantic: 300, provider: 2000, request: "r4"),
            Self.response("2026-10-06T10:00:00.000Z", org: "org_c", semantic: 200, request: "r5"),
            // Not counted: v1, another status, another month.
            Self.response("2026-10-02T11:00:00.000Z", org: "org_a", version: .v1, generation: "g6", semantic: 1, provider: 1, request: "r6"),
            Self.response("2026-10-02T12:00:00.000Z", org: "org_a", status: 500, semantic: 5, provider: 5, code: "internal_error", request: "r7"),
            Self.response("2026-11-01T00:00:00.000Z", org: "org_a", generation: "g8", semantic: 7, provider: 7, request: "r8"),
            Self.response("2026-09-30T23:59:59.999Z", org: "org_b", generation: "g9", semantic: 8, provider: 8, request: "r9"),
        ])
        let data = try load()
        // semantic sorted 100 200 300 300 900: p50 at rank ⌈2.5⌉ = 3, p95 at ⌈4.75⌉ = 5.
        #expect(data.semanticTranslation == MonthData.Percentiles(count: 5, p50: 300, p95: 900))
        // provider sorted 1000 2000 4000: p50 at rank ⌈1.5⌉ = 2, p95 at ⌈2.85⌉ = 3.
        #expect(data.providerLatency == MonthData.Percentiles(count: 3, p50: 2000, p95: 4000))
    }

    @Test func dailyCountsSplitBillingTimesAtUTCDaysAndTheMonthsEdges() throws {
        try ingest("a.jsonl", [
            Self.response("2026-09-30T23:59:59.999Z", generation: "g_sep", request: "r1"),
            Self.response("2026-10-01T00:00:00.000Z", org: "org_b", version: .v1, generation: "g_first", request: "r2"),
            Self.response("2026-10-09T23:59:59.999Z", generation: "g_9", request: "r3"),
            Self.response("2026-10-10T00:00:00.000Z", generation: "g_10", request: "r4"),
            Self.response("2026-10-10T00:00:00.001Z", org: "org_b", generation: "g_10b", request: "r5"),
            Self.response("2026-11-01T00:30:00+01:00", generation: "g_offset", request: "r6"),  // 2026-10-31T23:30Z
            Self.response("2026-10-31T23:59:59.999Z", org: "org_b", version: .v1, generation: "g_last", request: "r7"),
            Self.response("2026-11-01T00:00:00.000Z", generation: "g_nov", request: "r8"),
        ])
        let days = try load().dailyGenerations
        #expect(days.map(\.day) == (1...31).map { String(format: "2026-10-%02d", $0) })
        let nonZero = days.filter { $0.v1 + $0.v2 > 0 }.map { "\($0.day) \($0.v1) \($0.v2)" }
        #expect(nonZero == ["2026-10-01 1 0", "2026-10-09 0 1", "2026-10-10 0 2", "2026-10-31 1 1"])
    }

    @Test func statusCountsOrgsFilesAndRejectsCoverTheMonthsRecordsOfBothKinds() throws {
        let october = try ingest("october.jsonl", [
            Self.response("2026-10-02T10:00:00.000Z", version: .v1, generation: "g1", request: "r1"),
            Self.response("2026-10-02T10:00:01.000Z", org: "org_b", version: .v1, generation: "g2", request: "r2"),
            Self.response("2026-10-02T10:00:02.000Z", status: 402, code: "insufficient_balance", request: "r3"),
            Self.response("2026-10-02T10:00:03.000Z", status: 500, code: "internal_error", request: "r4"),
            Self.response("2026-10-02T10:00:04.000Z", status: 500, request: "r5"),
            Self.response("2026-11-02T10:00:00.000Z", status: 500, request: "r6"),
            "not a record",
        ])
        try ingest("november.jsonl", [
            Self.response("2026-11-03T10:00:00.000Z", org: "org_z", generation: "g9", request: "r9"),
            "not a record either", "nor this",
        ])
        let requests = try ingest("requests.csv", [
            SampleLines.csvHeader,
            SampleLines.csvAttempt("2026-10-02T09:59:59.000Z", org: "org_c", status: 429, request: "q1", retryAfter: "30"),
            SampleLines.csvAttempt("2026-10-02T10:00:00.000Z", org: "org_c", status: 200, request: "q2"),
        ])
        let data = try load()
        #expect(data.responseStatuses == [
            MonthData.StatusCount(version: "v1", httpStatus: 200, errorCode: nil, count: 2),
            MonthData.StatusCount(version: "v2", httpStatus: 402, errorCode: "insufficient_balance", count: 1),
            MonthData.StatusCount(version: "v2", httpStatus: 500, errorCode: nil, count: 1),
            MonthData.StatusCount(version: "v2", httpStatus: 500, errorCode: "internal_error", count: 1),
        ])
        #expect(data.attemptStatuses == [
            MonthData.StatusCount(version: "v1", httpStatus: 200, errorCode: nil, count: 1),
            MonthData.StatusCount(version: "v1", httpStatus: 429, errorCode: nil, count: 1),
        ])
        #expect(data.activeOrgs == ["org_a", "org_b", "org_c"])
        #expect(data.files.map(\.path) == ["october.jsonl", "requests.csv"], "named as recorded, relative to the ledger's folder")
        #expect([october, requests].allSatisfy { $0.hasPrefix("/") })
        #expect(data.rejects.map(\.count) == [1], "only the October file's rejected line")
        #expect(data.rateLimited.attempts == 1)
    }

    @Test func a402StreakAndRecoveryAreTheSameAsFromEveryBilledTime() throws {
        try ingest("a.jsonl", [
            Self.response("2026-10-05T10:00:00.000Z", generation: "g1", request: "b1"),
            Self.response("2026-10-05T10:05:00.000Z", status: 402, code: "insufficient_balance", request: "e1"),
            Self.response("2026-10-05T10:10:00.000Z", status: 402, code: "insufficient_balance", request: "e2"),
            Self.response("2026-10-05T10:20:00.000Z", version: .v1, generation: "g2", request: "b2"),
            Self.response("2026-10-05T10:25:00.000Z", generation: "g3", request: "b3"),
            Self.response("2026-10-05T10:30:00.000Z", status: 402, code: "insufficient_balance", request: "e3"),
            // Billed at the very time of the next 402: it ends the streak before it.
            Self.response("2026-10-05T10:40:00.000Z", version: .v1, generation: "g4", request: "b4"),
            Self.response("2026-10-05T10:40:00.000Z", status: 402, code: "insufficient_balance", request: "e4"),
            Self.response("2026-10-05T11:00:00.000Z", generation: "g5", request: "b5"),
            Self.response("2026-10-05T12:00:00.000Z", version: .v1, generation: "g6", request: "b6"),
            Self.response("2026-10-06T09:00:00.000Z", org: "org_b", generation: "g7", request: "b7"),
            Self.response("2026-10-06T09:30:00.000Z", org: "org_b", status: 402, code: "insufficient_balance", request: "e5"),
            Self.response("2026-10-06T09:40:00.000Z", org: "org_b", status: 402, code: "insufficient_balance", request: "e6"),
        ])
        let data = try load()
        let summaries = Insufficient402Summary.summarize(events: data.events402, billedTimesByOrg: data.billedTimesByOrg)
        #expect(summaries.map(\.orgId) == ["org_a", "org_b"])
        #expect(summaries.map(\.longestStreak) == [2, 2])
        #expect(summaries.map(\.recoveredAt) == ["2026-10-05T11:00:00.000Z", nil])
        let everyBilledTime = try ledger.queue.read { db in
            try MonthDataReference.billedTimes(db, orgs: ["org_a", "org_b"], month: "2026-10")
        }
        #expect(summaries == Insufficient402Summary.summarize(events: data.events402, billedTimesByOrg: everyBilledTime))
        for (org, times) in data.billedTimesByOrg {
            #expect(Set(times).isSubset(of: everyBilledTime[org] ?? []), "\(org): only billed times of the org")
        }
    }

    /// A generated month with every kind of line, bad ones too: each figure
    /// as ``MonthDataReference`` computes it.
    @Test func aGeneratedMonthGivesTheFiguresOfThePlainQueries() throws {
        let sampleFolder = folder.url.appendingPathComponent("sample")
        try FileManager.default.createDirectory(at: sampleFolder, withIntermediateDirectories: true)
        let sample = try SampleGenerator(configuration: SampleConfiguration(records: 4_000, seed: 11, withBadLines: true))
            .write(to: sampleFolder)
        for file in [sample.responsesFile, sample.requestsFile] {
            #expect(Ingestor(ledger: ledger).ingest(path: file.path).outcome == .ingested)
        }
        for month in ["2026-09", "2026-10", "2026-11"] {
            let data = try load(month)
            try ledger.queue.read { db in
                #expect(data.responseStatuses == (try MonthDataReference.statuses(db, table: "response_records", withCode: true, month: month)))
                #expect(data.attemptStatuses == (try MonthDataReference.statuses(db, table: "request_attempts", withCode: false, month: month)))
                #expect(data.activeOrgs == (try MonthDataReference.activeOrgs(db, month: month)))
                #expect(data.semanticTranslation == NearestRank.percentiles(sorted: try MonthDataReference.latencies(db, column: "semantic_translation_ms", month: month)))
                #expect(data.providerLatency == NearestRank.percentiles(sorted: try MonthDataReference.latencies(db, column: "provider_latency_ms", month: month)))
                let daily = try MonthDataReference.dailyGenerations(db, month: month)
                for day in data.dailyGenerations {
                    #expect([day.v1, day.v2] == daily[day.day] ?? [0, 0], "\(day.day)")
                }
                #expect(data.dailyGenerations.reduce(0) { $0 + $1.v1 + $1.v2 } == daily.values.reduce(0) { $0 + $1[0] + $1[1] })
                let orgs402 = Set(data.events402.map(\.orgId))
                let everyBilledTime = try MonthDataReference.billedTimes(db, orgs: orgs402, month: month)
                #expect(Insufficient402Summary.summarize(events: data.events402, billedTimesByOrg: data.billedTimesByOrg)
                        == Insufficient402Summary.summarize(events: data.events402, billedTimesByOrg: everyBilledTime))
                #expect(data.files.map(\.path) == (try MonthDataReference.files(db, month: month)))
                #expect(data.rejects == (try MonthDataReference.rejects(db, month: month)))
            }
            if month == "2026-10" {
                #expect(data.semanticTranslation.count > 100, "the sample has v2 successes to rank")
                #expect(!data.events402.isEmpty, "the sample has 402 events")
                #expect(!data.rejects.isEmpty, "the sample has rejected lines")
            }
        }
    }
}
