/// How busy the API is over the month: more requests in European and
/// American working hours (UTC) and on weekdays. Fresh requests are spaced
/// in *activity time* (the running sum of the hourly activity), so an org's
/// share of records is spread by this curve and still lasts exactly to the
/// end of the month, weekend or not.
struct SampleActivityCalendar {
    private static let hourWeights: [Int64] = [2, 2, 1, 1, 1, 2, 3, 5, 7, 8, 9, 9, 9, 9, 9, 9, 8, 7, 6, 5, 4, 3, 3, 2]
    private static let weekdayFactor: Int64 = 10
    private static let weekendFactor: Int64 = 4
    private static let hour: Int64 = 3_600_000

    private let start: Int64
    private let end: Int64
    /// Activity of each hour of the month.
    private let weights: [Int64]
    /// Activity before each hour of the month (weight × milliseconds), one more entry than `weights`.
    private let before: [Int64]

    init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
        let hours = Int((end - start) / SampleActivityCalendar.hour)
        weights = (0..<hours).map { index in
            let time = start + Int64(index) * SampleActivityCalendar.hour
            let weekday = (time / 86_400_000 + 4) % 7  // 1970-01-01 was a Thursday; 0 is Sunday
            let factor = weekday == 0 || weekday == 6 ? SampleActivityCalendar.weekendFactor : SampleActivityCalendar.weekdayFactor
            return SampleActivityCalendar.hourWeights[Int(time / SampleActivityCalendar.hour % 24)] * factor
        }
        var sums: [Int64] = [0]
        for weight in weights { sums.append(sums.last! + weight * SampleActivityCalendar.hour) }
        before = sums
    }

    /// The activity from the start of the month to `time`.
    func activity(at time: Int64) -> Int64 {
        let clamped = min(max(time, start), end)
        let index = Int((clamped - start) / SampleActivityCalendar.hour)
        guard index < weights.count else { return before.last! }
        return before[index] + weights[index] * (clamped - start - Int64(index) * SampleActivityCalendar.hour)
    }

    var total: Int64 { before.last! }

    /// The first instant by which `activity` has accumulated (the inverse of ``activity(at:)``).
    func time(atActivity activity: Int64) -> Int64 {
        guard activity < total else { return end }
        var low = 0, high = weights.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if before[middle] <= activity { low = middle } else { high = middle - 1 }
        }
        return start + Int64(low) * SampleActivityCalendar.hour + (activity - before[low] + weights[low] - 1) / weights[low]
    }
}
