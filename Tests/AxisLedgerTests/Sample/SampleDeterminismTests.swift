import Foundation
import Testing
@testable import AxisLedger

struct SampleDeterminismTests {
    @Test(arguments: [false, true])
    func sameConfigurationWritesTheSameBytes(withBadLines: Bool) throws {
        let configuration = SampleConfiguration(orgs: 5, records: 4_000, seed: 42, withBadLines: withBadLines)
        let first = try SampleFixture(configuration)
        let second = try SampleFixture(configuration)
        #expect(first.responseBytes == second.responseBytes)
        #expect(first.requestBytes == second.requestBytes)
        #expect(first.summary.billedGenerations == second.summary.billedGenerations)
    }

    @Test(arguments: [
        SampleConfiguration(orgs: 5, records: 4_000, seed: 43),
        SampleConfiguration(month: "2026-11", orgs: 5, records: 4_000, seed: 42),
        SampleConfiguration(orgs: 6, records: 4_000, seed: 42),
    ])
    func anotherSeedMonthOrOrgCountWritesOtherBytes(other: SampleConfiguration) throws {
        let base = try SampleFixture(SampleConfiguration(orgs: 5, records: 4_000, seed: 42))
        let changed = try SampleFixture(other)
        #expect(base.responseBytes != changed.responseBytes)
        #expect(base.requestBytes != changed.requestBytes)
        // Not merely shifted: the generated identifiers differ too.
        let baseIds = Set(base.records.compactMap(\.generationId))
        #expect(changed.records.compactMap(\.generationId).filter(baseIds.contains).count < 10)
    }

    @Test func writingAgainIntoTheSameFolderReplacesTheFiles() throws {
        let directory = try TemporaryDirectory()
        let large = try SampleGenerator(configuration: SampleConfiguration(records: 3_000)).write(to: directory.url)
        let small = try SampleGenerator(configuration: SampleConfiguration(records: 10)).write(to: directory.url)
        #expect(large.responsesFile == small.responsesFile)
        let lines = try String(contentsOf: small.responsesFile, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 10)
    }

    @Test func recordsAreExactlyTheNumberAskedForWhateverTheOrgCount() throws {
        for (orgs, records) in [(1, 1), (1000, 5), (3, 997), (1000, 2_500)] {
            let fixture = try SampleFixture(SampleConfiguration(orgs: orgs, records: records))
            #expect(fixture.responseLines.count == records, "orgs \(orgs)")
            #expect(fixture.requestLines.count == records, "orgs \(orgs)")
            #expect(fixture.summary.responseRecords == records)
        }
    }
}
