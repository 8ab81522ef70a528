import AxisLedger
import Foundation
import Testing

/// `--month`'s forms, at fixed moments: never today's date.
struct MonthChoiceTests {
    private func date(_ text: String) throws -> Date {
        let formatter = ISO8601DateFormatter()
        return try #require(formatter.date(from: text))
    }

    @Test func omittedAndLastAreTheLastCompleteUTCMonth() throws {
        let now = try date("2026-12-01T00:00:00Z")
        #expect(MonthChoice.omitted.resolved(now: now) == "2026-11")
        #expect(MonthChoice.last.resolved(now: now) == "2026-11")
        #expect(MonthChoice.this.resolved(now: now) == "2026-12")
        // The last second of November UTC is still November, wherever the machine is.
        #expect(MonthChoice.this.resolved(now: try date("2026-11-30T23:59:59Z")) == "2026-11")
        #expect(MonthChoice.last.resolved(now: try date("2027-01-15T12:00:00Z")) == "2026-12", "January's last month is December of the year before")
    }

    @Test func theArgumentTakesThreeForms() {
        #expect(MonthChoice(argument: "last") == .last)
        #expect(MonthChoice(argument: "this") == .this)
        #expect(MonthChoice(argument: "2026-10") == .named("2026-10"))
        #expect(MonthChoice(argument: "2026-13") == nil)
        #expect(MonthChoice(argument: "Last") == nil)
        #expect(MonthChoice(argument: "") == nil)
    }

    @Test func theNoticeIsSaidOnlyWhenTheCommandChose() throws {
        let now = try date("2026-12-01T00:00:00Z")
        #expect(MonthChoice.omitted.notice(command: "report", now: now) == "report: month 2026-11 (the last complete month; use --month to choose)")
        #expect(MonthChoice.last.notice(command: "close", now: now) == "close: month 2026-11 (the last complete month)")
        #expect(MonthChoice.named("2026-10").notice(command: "report", now: now) == nil)
    }

    @Test func theClockCanBeFixedByTheEnvironment() throws {
        #expect(CommandClock.now(environment: ["AXIS_LEDGER_NOW": "2026-12-01T00:00:00Z"]) == (try date("2026-12-01T00:00:00Z")))
        #expect(CommandClock.now(environment: ["AXIS_LEDGER_NOW": "yesterday"]) == nil)
        let real = try #require(CommandClock.now(environment: [:]))
        #expect(abs(real.timeIntervalSinceNow) < 60)
    }
}
