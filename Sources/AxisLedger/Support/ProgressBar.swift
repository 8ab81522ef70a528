import Foundation

/// A one-line progress bar on standard error, drawn only when standard error
/// is a terminal (so logs and pipes stay clean) and at most ten times a second.
///
/// Every line drawn fits the terminal's width less one column, read again at
/// each draw (a window resized meanwhile is followed): a line as wide as the
/// terminal, or wider, wraps, and `\r` then returns only to the start of its
/// last row, leaving the rest behind at every redraw. A label too long for
/// the room left is cut in the middle (`logs/2026…/responses.jsonl`), where
/// a path says least. The fraction is of the file's bytes as read from
/// disk: of the compressed bytes for gzip input, so it reaches 100%.
public final class ProgressBar {
    private let label: String
    private let output: FileHandleOutput
    private let enabled: Bool
    private let fixedWidth: Int?
    private var lastDraw: UInt64 = 0
    private var drewSomething = false

    /// - Parameter columns: the terminal's width, when it should not be read
    ///   from the terminal (tests).
    public init(label: String, output: FileHandleOutput = .standardError, columns: Int? = nil) {
        self.label = TerminalText.escaped(label)
        self.output = output
        enabled = output.isTerminal
        fixedWidth = columns
    }

    /// Shows `done` of `total` units (bytes); a count of megabytes when the total is unknown.
    /// The last update, `done == total`, is always drawn, so the bar is seen at 100%.
    public func update(done: Int, total: Int?) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let complete = total.map { $0 > 0 && done >= $0 } ?? false
        guard complete || now - lastDraw > 100_000_000 else { return }
        lastDraw = now
        drewSomething = true
        output.write("\r" + Self.line(label: label, done: done, total: total, columns: columns) + "\u{1B}[K")
    }

    /// Replaces the bar with a few words on what is being done now, drawn at once.
    public func say(_ text: String) {
        guard enabled else { return }
        drewSomething = true
        lastDraw = DispatchTime.now().uptimeNanoseconds
        let room = columns - 1
        let words = Self.cut(TerminalText.escaped(text), to: max(0, room - 1 - min(Self.width(of: label), room / 2)))
        let labelRoom = max(0, room - 1 - Self.width(of: words))
        output.write("\r" + Self.cut(label, to: labelRoom) + " " + words + "\u{1B}[K")
    }

    /// Clears the bar's line.
    public func finish() {
        guard enabled, drewSomething else { return }
        output.write("\r\u{1B}[K")
    }

    private var columns: Int { fixedWidth ?? output.terminalColumns ?? 80 }

    /// The bar's line for a terminal `columns` wide: at most `columns - 1` columns.
    static func line(label: String, done: Int, total: Int?, columns: Int) -> String {
        let room = max(1, columns - 1)
        let megabytes = String(format: "%.1f MB", Double(done) / 1_000_000)
        guard let total, total > 0 else {
            let suffix = " \(megabytes) read"
            return cut(cut(label, to: max(0, room - suffix.count)) + suffix, to: room)
        }
        let fraction = min(1, Double(done) / Double(total))
        let percent = String(Int(fraction * 100))
        let numbers = "] " + String(repeating: " ", count: 3 - min(3, percent.count)) + percent + "% " + megabytes
        // The bar takes a third of what the numbers leave, 5 to 30 columns; the label the rest.
        let barWidth = min(30, max(5, (room - numbers.count - 2) / 3))
        let labelRoom = room - numbers.count - 2 - barWidth
        guard labelRoom >= 1 else { return cut(percent + "% " + megabytes, to: room) }
        let filled = Int(fraction * Double(barWidth))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled)
        return cut(label, to: labelRoom) + " [" + bar + numbers
    }

    /// `text` cut to at most `width` columns, by taking out its middle
    /// (`logs/2026…/responses.jsonl`) and putting `…` in its place.
    static func cut(_ text: String, to width: Int) -> String {
        guard Self.width(of: text) > width else { return text }
        guard width > 1 else { return String(repeating: "…", count: max(0, width)) }
        let characters = Array(text)
        var head = 0, tail = 0, used = 1
        // Two characters from the end for each one from the start: a file's name is at the end of its path.
        var step = 0
        while head + tail < characters.count {
            let takeTail = step % 3 != 2
            let next = takeTail ? characters[characters.count - 1 - tail] : characters[head]
            let size = columnsTaken(by: next)
            guard used + size <= width else { break }
            used += size
            if takeTail { tail += 1 } else { head += 1 }
            step += 1
        }
        return String(characters[..<head]) + "…" + String(characters[(characters.count - tail)...])
    }

    /// The columns `text` takes in a terminal, counting East Asian wide
    /// characters and emoji as two (over-counting never wraps a line).
    static func width(of text: String) -> Int {
        text.reduce(0) { $0 + columnsTaken(by: $1) }
    }

    private static func columnsTaken(by character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        return wideRanges.contains { $0.contains(scalar.value) } ? 2 : 1
    }

    /// Code points a terminal draws two columns wide (Hangul, CJK, full-width forms, emoji), after Unicode's East Asian Width.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]
}
