@testable import AxisLedger
import Testing

/// The progress bar's line at a given width: never wider than the terminal less one column.
struct ProgressBarLineTests {
    let label = "/var/data/ledger/logs/2026-11/responses-2026-11-30.jsonl.gz"

    @Test(arguments: [20, 40, 41, 60, 80, 120, 200])
    func theLineFitsEveryWidth(columns: Int) {
        for done in [0, 1, 500_000, 999_999, 1_000_000] {
            let line = ProgressBar.line(label: label, done: done, total: 1_000_000, columns: columns)
            #expect(ProgressBar.width(of: line) <= columns - 1, "\(line)")
            let unknown = ProgressBar.line(label: label, done: done, total: nil, columns: columns)
            #expect(ProgressBar.width(of: unknown) <= columns - 1, "\(unknown)")
        }
    }

    @Test func aLongLabelIsCutInTheMiddle() {
        let cut = ProgressBar.cut(label, to: 24)
        #expect(cut.count == 24)
        #expect(cut.contains("…"))
        #expect(cut == "/var/da…6-11-30.jsonl.gz")
        #expect(ProgressBar.cut("short", to: 24) == "short")
    }

    @Test func aWideTerminalShowsTheWholeLabelAndBar() {
        let line = ProgressBar.line(label: label, done: 1_000_000, total: 1_000_000, columns: 200)
        #expect(line == label + " [" + String(repeating: "#", count: 30) + "] 100% 1.0 MB")
    }

    @Test func wideCharactersCountTwoColumns() {
        #expect(ProgressBar.width(of: "日本") == 4)
        #expect(ProgressBar.width(of: ProgressBar.cut("日本語のファイル名.jsonl", to: 10)) <= 10)
    }
}
