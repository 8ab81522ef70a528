import Foundation
import Testing

/// Issue 15, items 8 and 11: ingest's progress bar under a real
/// pseudo-terminal of 40 and of 200 columns (Python's `pty`), and the notice
/// that `ingest -` waits for a terminal's input.
struct TerminalProgressTests {
    let folder: URL

    init() throws {
        // A long folder name, so the label must be cut at 40 columns and fits at 200.
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("axis-progress-\(UUID().uuidString)/a-rather-long-folder-name-for-logs/november")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Each redraw of the bar: the text after a carriage return, up to the
    /// next carriage return or line feed, without its erase-to-end sequence.
    static func redraws(_ output: String) -> [String] {
        var result: [String] = []
        for physical in output.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            let parts = physical.split(separator: "\r", omittingEmptySubsequences: false)
            // A redraw is `\r TEXT \e[K`; `\r \e[K` alone clears the line for what is printed next.
            for part in parts.dropFirst() where !part.hasPrefix("\u{1B}[K") {
                let text = part.components(separatedBy: "\u{1B}[K")[0]
                if !text.isEmpty { result.append(text) }
            }
        }
        return result
    }

    private func gzipSample() throws -> String {
        let sample = folder.appendingPathComponent("sample").path
        let made = try CommandRunner.run(["sample", "--records", "20000", "--orgs", "3", "--out", sample])
        #expect(made.status == 0, "\(made.stderr)")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-k", "-f", sample + "/responses.jsonl"]
        try gzip.run()
        gzip.waitUntilExit()
        let long = folder.appendingPathComponent("responses-of-the-whole-month-of-november.jsonl.gz").path
        try FileManager.default.moveItem(atPath: sample + "/responses.jsonl.gz", toPath: long)
        return long
    }

    @Test(arguments: [40, 200])
    func theBarFitsTheTerminalAndReachesAHundredPercentOnGzipInput(columns: Int) throws {
        let file = try gzipSample()
        let db = folder.appendingPathComponent("ledger-\(columns).sqlite").path
        let output = try PseudoTerminal.run(columns: columns, ["ingest", "--db", db, file])
        let redraws = Self.redraws(output)
        let bars = redraws.filter { $0.contains("%") }
        #expect(!bars.isEmpty, "the bar was drawn: \(output.debugDescription)")
        for redraw in redraws {
            #expect(redraw.count <= columns - 1, "a redraw of \(redraw.count) columns in a \(columns)-column terminal wraps: \(redraw)")
        }
        #expect(bars.contains { $0.contains("100%") }, "gzip progress is on the compressed bytes and ends at 100%: \(bars)")
        if columns == 40 {
            #expect(bars.allSatisfy { $0.contains("…") }, "the label is cut: \(bars)")
            #expect(bars.allSatisfy { $0.contains(".jsonl.gz [") }, "the cut keeps the end of the file's name: \(bars)")
        } else {
            #expect(bars.allSatisfy { $0.hasPrefix(file + " [") }, "the whole path fits at 200 columns: \(bars)")
        }
        // The last thing on the bar's line is the erase: no bar is left on the screen.
        let beforeSummary = try #require(output.components(separatedBy: file + ": ").first)
        #expect(beforeSummary.hasSuffix("\r\u{1B}[K"), "\(beforeSummary.suffix(80).debugDescription)")
    }

    @Test func standardInputOnATerminalSaysItIsWaiting() throws {
        let db = folder.appendingPathComponent("ledger.sqlite").path
        let line = #"{"timestamp":"2026-10-03T10:15:22.120Z","orgId":"org_acme","endpoint":"/v1/generate-image","httpStatus":200,"idempotencyKey":"k1","response":{"success":true,"generationId":"gen_1"}}"#
        let output = try PseudoTerminal.run(columns: 200, ["ingest", "--db", db, "--name", "typed.jsonl", "-"], input: line + "\n\u{04}")
        #expect(output.contains("ingest: waiting for lines on standard input (the terminal); paste or type them, then press Ctrl-D (Ctrl-C to stop)\r\n"), "\(output.debugDescription)")
        #expect(output.contains("typed.jsonl: 1 line, 1 accepted, 0 duplicates, 0 rejected"), "\(output.debugDescription)")
    }
}
