/// The org's billed generations per day as an inline SVG bar chart: one bar
/// per UTC day, each with a `<title>` (its day and count, shown on hover
/// and read by screen readers), the day of the month under every fifth
/// bar, and the tallest day's count on the axis. Coordinates are whole
/// numbers from integer arithmetic, so the bytes never depend on floating
/// point.
enum StatementChart {
    static let width = 640, height = 180
    static let left = 44, right = 8, top = 10, bottom = 24

    static func svg(_ daily: [(day: String, generations: Int)], month: String) -> String {
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let highest = daily.map(\.generations).max() ?? 0
        let slot = daily.isEmpty ? plotWidth : plotWidth / daily.count
        let barWidth = max(1, slot - max(1, slot / 5))
        let baseline = top + plotHeight
        let total = daily.reduce(0) { $0 + $1.generations }
        var out = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" "
            + "aria-label=\"Billed generations per day in \(month) (UTC): \(total) in all, at most \(highest) in a day\">\n"
        out += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(baseline)\" x2=\"\(left + max(1, daily.count) * slot)\" y2=\"\(baseline)\"/>\n"
        out += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(baseline)\"/>\n"
        out += "<text x=\"\(left - 4)\" y=\"\(top + 8)\" text-anchor=\"end\">\(highest)</text>\n"
        out += "<text x=\"\(left - 4)\" y=\"\(baseline)\" text-anchor=\"end\">0</text>\n"
        for (index, day) in daily.enumerated() {
            let barHeight = highest == 0 ? 0 : day.generations * plotHeight / highest
            let x = left + index * slot + (slot - barWidth) / 2
            let label = "\(day.day): \(day.generations) billed generation\(day.generations == 1 ? "" : "s")"
            out += "<rect class=\"bar\" x=\"\(x)\" y=\"\(baseline - barHeight)\" width=\"\(barWidth)\" height=\"\(barHeight)\"><title>\(label)</title></rect>\n"
            let dayOfMonth = index + 1
            if dayOfMonth == 1 || dayOfMonth % 5 == 0 {
                out += "<text x=\"\(left + index * slot + slot / 2)\" y=\"\(height - 8)\" text-anchor=\"middle\">\(dayOfMonth)</text>\n"
            }
        }
        return out + "</svg>"
    }
}
