import Foundation
import Testing
@testable import AxisLedger

struct SampleConfigurationTests {
    @Test func defaultsAreTheDocumentedOnes() {
        let configuration = SampleConfiguration()
        #expect(configuration == SampleConfiguration(month: "2026-10", orgs: 12, records: 50_000, seed: 7, withBadLines: false))
    }

    @Test(arguments: ["2026-1", "26-10", "2026-00", "2026-13", "1969-12", "2026/10", "abcd-ef", "2026-10-01", " 2026-10", ""])
    func monthMustBeYYYYMMWithARealMonth(month: String) {
        #expect(throws: SampleConfigurationError.malformedMonth(month)) {
            try SampleConfiguration(month: month).validate()
        }
        let message = SampleConfigurationError.malformedMonth(month).description
        #expect(message.contains("--month") && message.contains("YYYY-MM") && message.contains("'\(month)'"))
    }

    @Test(arguments: ["2026-10", "2024-02", "1970-01", "2099-12"])
    func wellFormedMonthsAreAccepted(month: String) throws {
        try SampleConfiguration(month: month).validate()
    }

    @Test(arguments: [(0, false), (1, true), (12, true), (1000, true), (1001, false), (-3, false)])
    func orgsMustBeFrom1To1000(orgs: Int, valid: Bool) {
        let configuration = SampleConfiguration(orgs: orgs)
        if valid {
            #expect(throws: Never.self) { try configuration.validate() }
        } else {
            #expect(throws: SampleConfigurationError.orgsOutOfRange(orgs)) { try configuration.validate() }
            #expect(SampleConfigurationError.orgsOutOfRange(orgs).description.contains("--orgs must be between 1 and 1000; got \(orgs)"))
        }
    }

    @Test(arguments: [(0, false), (-1, false), (1, true), (100_000_000, true), (100_000_001, false)])
    func recordsMustBeAtLeastOne(records: Int, valid: Bool) {
        let configuration = SampleConfiguration(records: records)
        if valid {
            #expect(throws: Never.self) { try configuration.validate() }
        } else {
            #expect(throws: SampleConfigurationError.recordsOutOfRange(records)) { try configuration.validate() }
            #expect(SampleConfigurationError.recordsOutOfRange(records).description.contains("got \(records)"))
        }
    }

    @Test func theGeneratorRefusesAnInvalidConfigurationBeforeWritingAnything() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.url.appendingPathComponent("out")
        #expect(throws: SampleConfigurationError.orgsOutOfRange(0)) {
            _ = try SampleGenerator(configuration: SampleConfiguration(orgs: 0)).write(to: folder)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }
}
