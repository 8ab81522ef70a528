import Testing
@testable import AxisLedger

/// The list of written files a person reads after `report` or `demo`: each
/// month's statements folder is one line with its own count.
struct ReportSummaryFileLinesTests {
    @Test func eachMonthsStatementsAreOneLineWithTheirOwnCount() {
        let paths = [
            "reports/2026-10/usage.csv",
            "reports/2026-10/statements/org_a.md", "reports/2026-10/statements/org_a.html",
            "reports/2026-10/statements/org_b.md", "reports/2026-10/statements/org_b.html",
            "reports/2026-11/usage.csv",
            "reports/2026-11/statements/org_a.md", "reports/2026-11/statements/org_a.html",
        ]
        #expect(ReportSummary.fileLines(paths) == [
            "reports/2026-10/usage.csv",
            "reports/2026-11/usage.csv",
            "reports/2026-10/statements/  2 statements, ORG.md and ORG.html",
            "reports/2026-11/statements/  1 statement, ORG.md and ORG.html",
        ])
    }

    @Test func withoutStatementsThePathsAreListedAsGiven() {
        #expect(ReportSummary.fileLines(["a/2026-10/usage.csv", "a/2026-10/report.md"]) == ["a/2026-10/usage.csv", "a/2026-10/report.md"])
    }
}
