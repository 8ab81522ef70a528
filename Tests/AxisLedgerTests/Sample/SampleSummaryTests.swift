import Foundation
import Testing
@testable import AxisLedger

struct SampleSummaryTests {
    let sample = SampleFixture.standard

    /// The billing rule recounted from the file: distinct generationIds of 200 successes, by org and version.
    static func recountBilled(_ records: [SampleRecord]) -> [String: Int] {
        var seen = Set<String>()
        var counts: [String: Int] = [:]
        for record in records where record.isBillable && seen.insert(record.generationId!).inserted {
            counts["\(record.orgId) \(record.version)", default: 0] += 1
        }
        return counts
    }

    @Test func billedGenerationCountsMatchARecountFromTheFile() {
        let recount = SampleSummaryTests.recountBilled(sample.records)
        let summary = Dictionary(uniqueKeysWithValues: sample.summary.billedGenerations.map { ("\($0.orgId) \($0.version.rawValue)", $0.generations) })
        #expect(summary == recount)
        #expect(sample.summary.totalBilledGenerations == recount.values.reduce(0, +))
    }

    @Test func statusCountsMatchARecountFromTheFile() {
        let recount = Dictionary(grouping: sample.records, by: \.httpStatus).mapValues(\.count)
        #expect(Dictionary(uniqueKeysWithValues: sample.summary.statusCounts.map { ($0.httpStatus, $0.records) }) == recount)
        #expect(sample.summary.statusCounts.map(\.httpStatus) == recount.keys.sorted())
    }

    @Test func countsAreTheRecordsAskedForAndNoBadLines() {
        #expect(sample.summary.responseRecords == 50_000)
        #expect(sample.summary.requestLogRows == 50_000)
        #expect(sample.summary.badLines.isEmpty)
        #expect(sample.summary.responsesFile.lastPathComponent == "responses.jsonl")
        #expect(sample.summary.requestsFile.lastPathComponent == "requests.csv")
    }

    @Test func volumeIsUnevenAcrossOrgsAsTheBillingExamplesNeed() {
        let billed = SampleSummaryTests.recountBilled(sample.records)
        #expect(billed["org_acme v1", default: 0] > 1000)
        #expect(billed["org_acme v2", default: 0] > 3000)
        let perOrg = Dictionary(grouping: billed, by: { $0.key.split(separator: " ")[0] }).mapValues { $0.map(\.value).reduce(0, +) }
        #expect(perOrg.count == 12)
        // A 250.00 monthly minimum at 0.11 per generation tops up an org below 2272 generations.
        #expect(perOrg.values.contains { $0 < 2272 })
        #expect(perOrg.values.max()! > 10 * perOrg.values.min()!)
        let bothVersions = perOrg.keys.filter { billed["\($0) v1"] != nil && billed["\($0) v2"] != nil }
        #expect(bothVersions.count >= 9)
    }

    @Test func orgsBeyondTheNamedTwelveAreNumbered() throws {
        let fixture = try SampleFixture(SampleConfiguration(orgs: 14, records: 3_000))
        let orgs = Set(fixture.records.map(\.orgId))
        #expect(orgs.contains("org_013") && orgs.contains("org_014") && orgs.contains("org_vandelay"))
        #expect(orgs.count == 14)
    }
}
