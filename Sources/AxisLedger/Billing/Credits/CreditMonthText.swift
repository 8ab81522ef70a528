/// Month arithmetic the credit ledger needs on `YYYY-MM` texts.
enum CreditMonthText {
    /// The month after `month`; nil when `month` is not `YYYY-MM`.
    static func next(_ month: String) -> String? {
        guard let (year, number) = MonthText.parse(month) else { return nil }
        let (nextYear, nextNumber) = number == 12 ? (year + 1, 1) : (year, number + 1)
        guard nextYear <= 9999 else { return nil }
        return text(year: nextYear, month: nextNumber)
    }

    /// The month before `month`; nil when `month` is not `YYYY-MM` or is 0000-01.
    static func previous(_ month: String) -> String? {
        guard let (year, number) = MonthText.parse(month) else { return nil }
        let (previousYear, previousNumber) = number == 1 ? (year - 1, 12) : (year, number - 1)
        guard previousYear >= 0 else { return nil }
        return text(year: previousYear, month: previousNumber)
    }

    /// Every month from `first` to `last`, both included, in order; empty when `first` is after `last`.
    static func range(from first: String, through last: String) -> [String] {
        var months: [String] = []
        var month: String? = first
        while let current = month, current <= last {
            months.append(current)
            month = next(current)
        }
        return months
    }

    private static func text(year: Int, month: Int) -> String {
        let y = String(year), m = String(month)
        return String(repeating: "0", count: 4 - y.count) + y + "-" + (m.count == 1 ? "0" : "") + m
    }
}
