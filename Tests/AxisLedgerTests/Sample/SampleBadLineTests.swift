import Foundation
import Testing
@testable import AxisLedger

struct SampleBadLineTests {
    let sample = SampleFixture.withBadLines

    @Test func withoutTheFlagEveryLineIsWellFormed() throws {
        let clean = try SampleFixture(SampleConfiguration(records: 5_000))
        #expect(clean.parsed.allSatisfy { $0?.parsedInstant != nil })
        #expect(clean.rows.allSatisfy { $0.cells.count == 10 && SampleTimestamps.parse($0.timestamp) != nil })
        #expect(!clean.responseLines.contains { $0.contains("Authorization") })
        #expect(clean.summary.badLines.isEmpty)
    }

    @Test func theFlagAddsEachKindOfBadLineOnce() {
        #expect(sample.summary.badLines.map(\.kind).sorted { $0.rawValue < $1.rawValue }
                == SampleBadLineKind.allCases.sorted { $0.rawValue < $1.rawValue })
        #expect(sample.summary.malformedLines == 7)
        #expect(sample.summary.responseRecords == 5_001, "the records plus the well-formed line with a secret")
        #expect(sample.summary.requestLogRows == 5_001)
        #expect(sample.responseLines.count == 5_000 + 6)
        #expect(sample.requestLines.count == 5_000 + 1 + 2)
    }

    @Test(arguments: SampleBadLineKind.allCases.filter { $0.file == .responses })
    func eachBadResponseLineBreaksItsRule(kind: SampleBadLineKind) throws {
        let bad = try #require(sample.summary.badLines.first { $0.kind == kind })
        let line = sample.responseLines[bad.lineNumber - 1]
        let record = sample.parsed[bad.lineNumber - 1]
        switch kind {
        case .truncatedJSON:
            #expect(record == nil)
        case .missingOrgId:
            #expect(record != nil && record?.json["orgId"] == nil)
        case .httpStatusAsString:
            #expect(record?.json["httpStatus"] is String)
        case .timestampWithoutOffset:
            #expect(record != nil && record?.parsedInstant == nil)
            #expect(record?.timestamp.last?.isNumber == true)
        case .unknownEndpoint:
            #expect(record?.endpoint == "/v3/upscale")
        case .authorizationHeader:
            #expect(line.contains("\"headers\":{\"Authorization\":\"Bearer sk_live_SAMPLE_SECRET_123\""))
            #expect(record?.httpStatus == 401 && record?.parsedInstant != nil)
            let row = sample.rows.first { $0.requestId == record?.requestId }
            #expect(row?.httpStatus == 401, "the well-formed 401 has its own request-log row")
        default:
            Issue.record("not a responses.jsonl kind")
        }
    }

    @Test func theBadCSVRowsAreRaggedOrCarryAnImpossibleTimestamp() throws {
        let ragged = try #require(sample.summary.badLines.first { $0.kind == .raggedCSVRow })
        #expect(sample.rows[ragged.lineNumber - 2].cells.count < 10)
        let badTime = try #require(sample.summary.badLines.first { $0.kind == .badCSVTimestamp })
        let row = sample.rows[badTime.lineNumber - 2]
        #expect(row.cells.count == 10 && SampleTimestamps.parse(row.timestamp) == nil)
    }

    @Test func badLinesDoNotChangeTheBilledCounts() {
        let good = sample.parsed.enumerated().compactMap { index, record in
            sample.summary.badLines.contains { $0.file == .responses && $0.lineNumber == index + 1 } ? nil : record
        }
        #expect(good.count == 5_000)
        let recount = SampleSummaryTests.recountBilled(good)
        #expect(sample.summary.totalBilledGenerations == recount.values.reduce(0, +))
        let badGenerations = Set(sample.summary.badLines.filter { $0.file == .responses }.compactMap { sample.parsed[$0.lineNumber - 1]?.generationId })
        #expect(badGenerations.count == 4, "the parseable bad lines with a generation")
        #expect(badGenerations.isDisjoint(with: good.compactMap(\.generationId)), "bad lines bring generationIds of their own")
    }
}
