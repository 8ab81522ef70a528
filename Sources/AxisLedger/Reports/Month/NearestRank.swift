/// p50 and p95 by the nearest-rank method: the value at rank ⌈p·n⌉ (and at
/// least 1) of the n values in ascending order. Always one of the values;
/// nothing is interpolated.
enum NearestRank {
    /// Value spans counted in a table rather than sorted: a table of up to a
    /// million counts (8 MiB) is filled in one pass, where sorting 600,000
    /// latencies took longer than reading them from the ledger.
    static let largestCountedSpan = 1 << 20

    /// The 1-based rank of the `percent` percentile among `count` values.
    static func rank(_ percent: Int, of count: Int) -> Int {
        max(1, (percent * count + 99) / 100)
    }

    /// The percentiles of values already in ascending order.
    static func percentiles(sorted: [Int]) -> MonthData.Percentiles {
        guard !sorted.isEmpty else { return MonthData.Percentiles(count: 0, p50: nil, p95: nil) }
        return MonthData.Percentiles(count: sorted.count,
                                     p50: sorted[rank(50, of: sorted.count) - 1],
                                     p95: sorted[rank(95, of: sorted.count) - 1])
    }

    /// The percentiles of values in any order, the same as of the values sorted.
    static func percentiles(unsorted values: [Int]) -> MonthData.Percentiles {
        guard let low = values.min(), let high = values.max() else { return percentiles(sorted: []) }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, span < largestCountedSpan else { return percentiles(sorted: values.sorted()) }
        var counts = [Int](repeating: 0, count: span + 1)
        for value in values { counts[value - low] += 1 }
        func value(atRank rank: Int) -> Int {
            var seen = 0
            for (offset, count) in counts.enumerated() {
                seen += count
                if seen >= rank { return low + offset }
            }
            preconditionFailure("rank \(rank) is beyond the \(values.count) values counted")
        }
        return MonthData.Percentiles(count: values.count,
                                     p50: value(atRank: rank(50, of: values.count)),
                                     p95: value(atRank: rank(95, of: values.count)))
    }
}
