import Foundation

/// The month a command works on, as the user chose it: a `YYYY-MM`, the
/// words `last` or `this`, or nothing at all (the last complete month).
///
/// One type for `report`, `reconcile` and `close`, so that every command that
/// takes `--month` reads it the same way and says the same thing when it
/// picks the month itself. Months are UTC months, like the ledger's. The
/// clock is a parameter (``resolved(now:)``), never read here, so tests fix it.
public enum MonthChoice: Equatable, Sendable {
    /// `--month` left out: the last complete UTC month.
    case omitted
    /// `--month last`: the last complete UTC month.
    case last
    /// `--month this`: the current UTC month, still running.
    case this
    /// `--month YYYY-MM`.
    case named(String)

    /// Reads the text of `--month`: `last`, `this` or `YYYY-MM`; nil for anything else.
    public init?(argument: String) {
        switch argument {
        case "last": self = .last
        case "this": self = .this
        default:
            guard MonthText.parse(argument) != nil else { return nil }
            self = .named(argument)
        }
    }

    /// The month as `YYYY-MM`, at the moment `now`.
    public func resolved(now: Date) -> String {
        switch self {
        case .named(let month): return month
        case .this: return Self.month(containing: now)
        case .omitted, .last: return Self.month(before: Self.month(containing: now))
        }
    }

    /// What a command says on standard error before it starts, so nobody
    /// mistakes which month it worked on; nil when the user named the month.
    /// `command` is the subcommand's name (`report`).
    public func notice(command: String, now: Date) -> String? {
        let month = resolved(now: now)
        switch self {
        case .named: return nil
        case .omitted: return "\(command): month \(month) (the last complete month; use --month to choose)"
        case .last: return "\(command): month \(month) (the last complete month)"
        case .this: return "\(command): month \(month) (this month, not complete yet)"
        }
    }

    /// The message for text that is not a month, naming the option.
    public static func invalidMessage(_ text: String) -> String {
        "--month \(text) is not a month; write it as YYYY-MM (e.g. 2026-10), last (the last complete month) or this (the current month)."
    }

    /// The UTC month of `date`, `YYYY-MM`.
    public static func month(containing date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        return format(year: parts.year ?? 1970, month: parts.month ?? 1)
    }

    /// The month before `month` (`YYYY-MM`).
    static func month(before month: String) -> String {
        guard let (year, number) = MonthText.parse(month) else { return month }
        return number == 1 ? format(year: year - 1, month: 12) : format(year: year, month: number - 1)
    }

    private static func format(year: Int, month: Int) -> String {
        let digits = String(year)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + (month < 10 ? "-0\(month)" : "-\(month)")
    }
}

/// The moment commands take as "now" for ``MonthChoice``: the real clock,
/// unless `AXIS_LEDGER_NOW` holds an RFC 3339 UTC timestamp
/// (`2026-12-01T00:00:00Z`), which reruns a scheduled job as of its day and
/// lets tests fix the date.
public enum CommandClock {
    public static let environmentVariable = "AXIS_LEDGER_NOW"

    /// The moment, or nil when `AXIS_LEDGER_NOW` is set to something that is not a timestamp.
    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date? {
        guard let text = environment[environmentVariable], !text.isEmpty else { return Date() }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
