import Testing
@testable import AxisLedger

/// The report's percentiles: nearest rank, the value at rank ⌈p·n⌉ of the sorted values.
struct NearestRankTests {
    /// Values and their p50 and p95, worked out by hand.
    @Test(arguments: [
        ([7], 7, 7),
        ([1, 2], 1, 2),                       // ranks ⌈1⌉ = 1 and ⌈1.9⌉ = 2
        ([1, 2, 3], 2, 3),                    // ⌈1.5⌉ = 2, ⌈2.85⌉ = 3
        ([5, 5, 5, 9], 5, 9),                 // ties: ⌈2⌉ = 2, ⌈3.8⌉ = 4
        ([3, 3, 3, 3, 3], 3, 3),
        (Array(1...20), 10, 19),              // ⌈10⌉, ⌈19⌉: exact ranks are not rounded up
        (Array(1...21), 11, 20),              // ⌈10.5⌉ = 11, ⌈19.95⌉ = 20
        ([-4, 0, 0, 12], 0, 12),
    ])
    func percentilesOfSortedValuesAreTheValuesAtTheNearestRank(values: [Int], p50: Int, p95: Int) {
        let percentiles = NearestRank.percentiles(sorted: values)
        #expect(percentiles == MonthData.Percentiles(count: values.count, p50: p50, p95: p95))
    }

    @Test func noValuesHaveNoPercentiles() {
        #expect(NearestRank.percentiles(sorted: []) == MonthData.Percentiles(count: 0, p50: nil, p95: nil))
        #expect(NearestRank.percentiles(unsorted: []) == MonthData.Percentiles(count: 0, p50: nil, p95: nil))
    }

    /// Counted (narrow spans) or sorted (wide ones), values in any order give
    /// the percentiles of the same values sorted.
    @Test(arguments: [
        [3120, 842, 842, 5000, 1, 842, 77],
        [9, 8, 7, 6, 5, 4, 3, 2, 1],
        [2, 1],
        [42],
        [-5, 7, -5, 0, 3],
        [0, NearestRank.largestCountedSpan - 1, 5, 5, 6],        // the widest span still counted
        [0, NearestRank.largestCountedSpan, 5, 5, 6],            // one wider: sorted instead
        [Int.max, Int.min, 0, 1, -1],                            // a span that overflows Int
        (0..<1_001).map { ($0 * 7_919) % 1_001 },                // a permutation with an odd count
        (0..<2_000).map { $0 % 13 * 100 },                       // many ties
    ])
    func unsortedValuesGiveThePercentilesOfTheSortedValues(values: [Int]) {
        #expect(NearestRank.percentiles(unsorted: values) == NearestRank.percentiles(sorted: values.sorted()))
    }
}
