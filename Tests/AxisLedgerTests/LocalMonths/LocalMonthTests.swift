import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// Issue 16 item 8: an org with `timezone:` is billed for its local calendar
/// month, DST-correct, and an org without one exactly as before.
struct LocalMonthTests {
    typealias G = ClosingFixture.Generation

    static func zone(_ name: String) -> TimeZone { TimeZone(identifier: name)! }

    struct Bounds: CustomTestStringConvertible {
        var zone: String, month: String, start: String, end: String
        var testDescription: String { "\(month) in \(zone)" }
    }

    /// Each month's first instant and the next month's, UTC, as the zone's rules give them.
    static let bounds: [Bounds] = [
        Bounds(zone: "Europe/Berlin", month: "2026-10", start: "2026-09-30T22:00:00Z", end: "2026-10-31T23:00:00Z"),  // the issue's example: CEST to CET
        Bounds(zone: "Europe/Berlin", month: "2026-03", start: "2026-02-28T23:00:00Z", end: "2026-03-31T22:00:00Z"),  // CET to CEST
        Bounds(zone: "Europe/Berlin", month: "2021-10", start: "2021-09-30T22:00:00Z", end: "2021-10-31T23:00:00Z"),  // ends on the DST night
        Bounds(zone: "Asia/Kolkata", month: "2026-10", start: "2026-09-30T18:30:00Z", end: "2026-10-31T18:30:00Z"),
        Bounds(zone: "Asia/Kathmandu", month: "2026-10", start: "2026-09-30T18:15:00Z", end: "2026-10-31T18:15:00Z"),
        Bounds(zone: "America/Los_Angeles", month: "2026-10", start: "2026-10-01T07:00:00Z", end: "2026-11-01T07:00:00Z"),
        Bounds(zone: "America/Los_Angeles", month: "2026-12", start: "2026-12-01T08:00:00Z", end: "2027-01-01T08:00:00Z"),
        Bounds(zone: "UTC", month: "2026-02", start: "2026-02-01T00:00:00Z", end: "2026-03-01T00:00:00Z"),
    ]

    @Test(arguments: bounds) func monthBoundsFollowTheZonesRules(_ case_: Bounds) throws {
        let local = try #require(LocalMonth(month: case_.month, in: Self.zone(case_.zone)))
        #expect(local.start == case_.start)
        #expect(local.end == case_.end)
        #expect(local.storedStart == case_.start.replacingOccurrences(of: "Z", with: ".000Z"))
    }

    @Test func theStatementSentenceIsTheIssues() throws {
        let local = try #require(LocalMonth(month: "2026-10", in: Self.zone("Europe/Berlin")))
        #expect(local.sentence == "month 2026-10 in Europe/Berlin: 2026-09-30T22:00:00Z to 2026-10-31T23:00:00Z")
    }

    @Test func theDSTDayIsTwentyFiveHoursLong() throws {
        // 2021-10-31, the last Sunday of October, was also the month's last day in Berlin.
        let local = try #require(LocalMonth(month: "2021-10", in: Self.zone("Europe/Berlin")))
        let days = local.days(in: Self.zone("Europe/Berlin"))
        #expect(days.count == 31)
        #expect(days[0].start == "2021-09-30T22:00:00.000Z")
        #expect(days[30].day == "2021-10-31")
        #expect(days[30].start == "2021-10-30T22:00:00.000Z")
        #expect(days[30].end == "2021-10-31T23:00:00.000Z")
    }

    @Test func neighbouringMonthsCrossYears() {
        #expect(LocalMonth.neighbour(of: "2026-01", by: -1) == "2025-12")
        #expect(LocalMonth.neighbour(of: "2026-12", by: 1) == "2027-01")
        #expect(LocalMonth.neighbour(of: "2026-10", by: 0) == "2026-10")
    }

    /// The pricing of the boundary tests: one zoned org per zone, org_utc without one.
    static let zonedPricing = """
        currency: USD
        defaultPlan: standard
        plans:
          standard:
            v1:
              unitPrice: 0.04
            v2:
              unitPrice: 0.12
        orgs:
          org_berlin: {plan: standard, timezone: Europe/Berlin}
          org_kolkata: {plan: standard, timezone: Asia/Kolkata}
          org_kathmandu: {plan: standard, timezone: Asia/Kathmandu}
        """

    struct Boundary: CustomTestStringConvertible {
        var org: String, time: String, month: String, why: String
        var testDescription: String { "\(org) at \(time): \(why)" }
    }

    /// One second either side of local midnight at a month's end, on the DST
    /// night, and in zones with 30- and 45-minute offsets; org_utc as before.
    static let boundaries: [Boundary] = [
        Boundary(org: "org_berlin", time: "2026-10-31T22:59:59", month: "2026-10", why: "23:59:59 CET on 31 October"),
        Boundary(org: "org_berlin", time: "2026-10-31T23:00:00", month: "2026-11", why: "00:00:00 CET on 1 November"),
        Boundary(org: "org_berlin", time: "2026-10-31T23:30:00", month: "2026-11", why: "the issue's example"),
        Boundary(org: "org_berlin", time: "2026-09-30T21:59:59", month: "2026-09", why: "23:59:59 CEST on 30 September"),
        Boundary(org: "org_berlin", time: "2026-09-30T22:00:00", month: "2026-10", why: "00:00:00 CEST on 1 October"),
        Boundary(org: "org_berlin", time: "2026-10-25T00:59:59", month: "2026-10", why: "02:59:59 CEST, the DST night"),
        Boundary(org: "org_berlin", time: "2026-10-25T01:00:00", month: "2026-10", why: "02:00:00 CET, the same night an hour later"),
        Boundary(org: "org_berlin", time: "2021-10-31T22:59:59", month: "2021-10", why: "23:59:59 CET on 31 October 2021, a DST-change Sunday"),
        Boundary(org: "org_berlin", time: "2021-10-31T23:00:00", month: "2021-11", why: "00:00:00 CET on 1 November 2021"),
        Boundary(org: "org_berlin", time: "2021-10-31T00:59:59", month: "2021-10", why: "02:59:59 CEST on the last day, before the change"),
        Boundary(org: "org_kolkata", time: "2026-10-31T18:29:59", month: "2026-10", why: "23:59:59 IST (+05:30)"),
        Boundary(org: "org_kolkata", time: "2026-10-31T18:30:00", month: "2026-11", why: "00:00:00 IST on 1 November"),
        Boundary(org: "org_kathmandu", time: "2026-10-31T18:14:59", month: "2026-10", why: "23:59:59 NPT (+05:45)"),
        Boundary(org: "org_kathmandu", time: "2026-10-31T18:15:00", month: "2026-11", why: "00:00:00 NPT on 1 November"),
        Boundary(org: "org_utc", time: "2026-10-31T23:59:59", month: "2026-10", why: "no timezone: UTC as before"),
        Boundary(org: "org_utc", time: "2026-11-01T00:00:00", month: "2026-11", why: "no timezone: UTC as before"),
    ]

    @Test(arguments: boundaries) func aGenerationIsInItsOrgsLocalMonth(_ boundary: Boundary) throws {
        let fixture = try ClosingFixture()
        try fixture.ingest([G(id: "gen_edge", org: boundary.org, version: .v1, time: boundary.time)])
        let rules = try fixture.rules(Self.zonedPricing)
        // The report of the month it belongs to bills it; the months either side do not.
        for offset in [-1, 0, 1] {
            let month = LocalMonth.neighbour(of: boundary.month, by: offset)
            let report = try MonthReportBuilder(ledger: fixture.ledger).build(month: month, rules: rules)
            let billed = report.data.usage.filter { $0.orgId == boundary.org }.map(\.generations).reduce(0, +)
            #expect(billed == (offset == 0 ? 1 : 0), "\(boundary.org) in \(month)")
        }
        // And the view gives SQL users the same month once the zones are recorded.
        try LocalMonthTables.record(ledger: fixture.ledger, rules: rules)
        let viewMonth = try fixture.ledger.queue.read { db in
            try String.fetchOne(db, sql: "SELECT month FROM billed_generations_local WHERE generation_id = 'gen_edge'")
        }
        #expect(viewMonth == boundary.month)
    }

    /// Generations and 402s around Berlin's and Kolkata's October, and org_utc's.
    static let october: [G] = [
        G(id: "b_sep", org: "org_berlin", version: .v1, time: "2026-09-30T21:59:59"),
        G(id: "b_1", org: "org_berlin", version: .v1, time: "2026-09-30T22:00:00"),
        G(id: "b_2", org: "org_berlin", version: .v2, time: "2026-10-15T12:00:00"),
        G(id: "b_3", org: "org_berlin", version: .v1, time: "2026-10-31T22:59:59"),
        G(id: "b_nov", org: "org_berlin", version: .v1, time: "2026-10-31T23:00:00"),
        G(id: "k_1", org: "org_kolkata", version: .v2, time: "2026-10-31T18:29:59"),
        G(id: "k_nov", org: "org_kolkata", version: .v2, time: "2026-10-31T18:30:00"),
        G(id: "u_1", org: "org_utc", version: .v1, time: "2026-10-31T23:30:00"),
        G(id: "u_2", org: "org_utc", version: .v2, time: "2026-10-01T00:00:00"),
        G(id: "u_sep", org: "org_utc", version: .v1, time: "2026-09-30T23:59:59"),
    ]

    @Test func theViewCountsWhatTheReportCounts() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest(Self.october)
        let rules = try fixture.rules(Self.zonedPricing)
        try LocalMonthTables.record(ledger: fixture.ledger, rules: rules)
        for month in ["2026-09", "2026-10", "2026-11"] {
            let report = try MonthReportBuilder(ledger: fixture.ledger).build(month: month, rules: rules)
            let fromReport = report.data.usage.map { "\($0.orgId) \($0.version.rawValue) \($0.generations)" }
            let fromView = try fixture.ledger.queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT org_id, version, generations FROM monthly_usage_local WHERE month = ? ORDER BY org_id, version
                    """, arguments: [month]).map { "\($0["org_id"] as String) \($0["version"] as String) \($0["generations"] as Int)" }
            }
            #expect(fromReport == fromView, "\(month)")
        }
        let october = try MonthReportBuilder(ledger: fixture.ledger).build(month: "2026-10", rules: rules)
        #expect(october.data.usage.map { "\($0.orgId) \($0.version.rawValue) \($0.generations)" }
                == ["org_berlin v1 2", "org_berlin v2 1", "org_kolkata v2 1", "org_utc v1 1", "org_utc v2 1"])
    }

    @Test func anOrgWithoutTimezoneIsExactlyAsBefore() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest(Self.october)
        let zoned = try MonthReportBuilder(ledger: fixture.ledger).build(month: "2026-10", rules: try fixture.rules(Self.zonedPricing))
        let plain = try MonthReportBuilder(ledger: fixture.ledger).build(
            month: "2026-10", rules: try fixture.rules(Self.zonedPricing.replacingOccurrences(of: ", timezone: Europe/Berlin", with: "")
                .replacingOccurrences(of: ", timezone: Asia/Kolkata", with: "").replacingOccurrences(of: ", timezone: Asia/Kathmandu", with: "")))
        #expect(plain.data.localMonths.isEmpty)
        #expect(zoned.pricing?.statements.first { $0.orgId == "org_utc" } == plain.pricing?.statements.first { $0.orgId == "org_utc" })
        #expect(zoned.data.usage.filter { $0.orgId == "org_utc" } == plain.data.usage.filter { $0.orgId == "org_utc" })
        #expect(zoned.data.dailyGenerationsByOrg["org_utc"] == plain.data.dailyGenerationsByOrg["org_utc"])
        // Without a zone, every org is counted by the UTC month column, as monthly_usage counts.
        #expect(plain.data.usage.map { "\($0.orgId) \($0.version.rawValue) \($0.generations)" }
                == ["org_berlin v1 2", "org_berlin v2 1", "org_kolkata v2 2", "org_utc v1 1", "org_utc v2 1"])
        // The statement of an org without a zone says UTC as before; a zoned one says its month.
        let plainFiles = ReportWriter().render(plain), zonedFiles = ReportWriter().render(zoned)
        let utcStatement = try #require(plainFiles.first { $0.name == "statements/org_utc.md" })
        // Every byte up to the provenance, which names the two pricing files' different SHA-256.
        func beforeProvenance(_ text: String?) -> Substring? { text.flatMap { $0.components(separatedBy: "## Provenance").first?[...] } }
        #expect(beforeProvenance(zonedFiles.first { $0.name == "statements/org_utc.md" }?.text) == beforeProvenance(utcStatement.text))
        #expect(utcStatement.text.contains("- Month: 2026-10 (UTC, from 2026-10-01T00:00:00Z to 2026-11-01T00:00:00Z)\n"))
        let berlin = try #require(zonedFiles.first { $0.name == "statements/org_berlin.md" })
        #expect(berlin.text.contains("- Month: month 2026-10 in Europe/Berlin: 2026-09-30T22:00:00Z to 2026-10-31T23:00:00Z\n"))
        #expect(berlin.text.contains("## Billed generations per day (Europe/Berlin)\n"))
        let report = try #require(zonedFiles.first { $0.name == "report.md" })
        #expect(report.text.contains("### org_berlin (plan standard)\n\nmonth 2026-10 in Europe/Berlin: 2026-09-30T22:00:00Z to 2026-10-31T23:00:00Z"))
        #expect(!report.text.contains("### org_utc (plan standard)\n\nmonth"))
        // report.json names the local month of each zoned statement, and only of those.
        let json = try #require(zonedFiles.first { $0.name == ReportJSON.fileName }?.text)
        #expect(json.components(separatedBy: "\"local_month\"").count == 4)  // org_berlin, org_kathmandu (listed, no usage), org_kolkata
        #expect(json.contains("2026-09-30T22:00:00Z"))
        #expect(plainFiles.first { $0.name == ReportJSON.fileName }?.text.contains("local_month") == false)
    }

    @Test func aZonedOrgsDaysAreLocalDays() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest(Self.october)
        let report = try MonthReportBuilder(ledger: fixture.ledger).build(month: "2026-10", rules: try fixture.rules(Self.zonedPricing))
        let days = try #require(report.data.dailyGenerationsByOrg["org_berlin"])
        #expect(days.count == 31)
        #expect(days[0] == 1)   // 2026-09-30T22:00:00Z is 1 October in Berlin
        #expect(days[14] == 1)
        #expect(days[30] == 1)  // 2026-10-31T22:59:59Z is still 31 October
        #expect(days.reduce(0, +) == 3)
    }

    @Test func a402IsInItsOrgsLocalMonth() throws {
        let fixture = try ClosingFixture()
        let lines = [
            #"{"timestamp":"2026-10-31T23:10:00.000Z","orgId":"org_berlin","endpoint":"/v1/generate-image","httpStatus":402,"requestId":"req_402_nov","response":{"success":false,"code":"insufficient_balance"}}"#,
            #"{"timestamp":"2026-09-30T22:10:00.000Z","orgId":"org_berlin","endpoint":"/v1/generate-image","httpStatus":402,"requestId":"req_402_oct","response":{"success":false,"code":"insufficient_balance"}}"#,
            #"{"timestamp":"2026-09-30T22:10:00.000Z","orgId":"org_utc","endpoint":"/v1/generate-image","httpStatus":402,"requestId":"req_402_utc","response":{"success":false,"code":"insufficient_balance"}}"#,
        ]
        let path = try fixture.directory.write("402.jsonl", lines.joined(separator: "\n") + "\n")
        if case .refused(let error) = Ingestor(ledger: fixture.ledger).ingest(path: path).outcome { throw error }
        let rules = try fixture.rules(Self.zonedPricing)
        let october = try MonthReportBuilder(ledger: fixture.ledger).build(month: "2026-10", rules: rules)
        #expect(october.data.events402.map(\.requestId) == ["req_402_oct"])
        #expect(october.data.activeOrgs.contains("org_berlin"))
        let september = try MonthReportBuilder(ledger: fixture.ledger).build(month: "2026-09", rules: rules)
        #expect(september.data.events402.map(\.requestId) == ["req_402_utc"])
        let november = try MonthReportBuilder(ledger: fixture.ledger).build(month: "2026-11", rules: rules)
        #expect(november.data.events402.map(\.requestId) == ["req_402_nov"])
    }

    @Test func asiaKolkataIsAcceptedThoughFoundationListsAsiaCalcutta() throws {
        let rules = try BillingFixtures.rules(Self.zonedPricing)
        #expect(rules.timeZone(forOrg: "org_kolkata")?.identifier == "Asia/Kolkata")
        #expect(rules.timeZone(forOrg: "org_kathmandu")?.identifier == "Asia/Kathmandu")
    }
}
