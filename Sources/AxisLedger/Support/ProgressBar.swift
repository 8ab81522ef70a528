import Foundation

/// A one-line progress bar on standard error, drawn only when standard error
/// is a terminal (so logs and pipes stay clean) and at most ten times a second.
public final class ProgressBar {
    private let label: String
    private let output: FileHandleOutput
    private let enabled: Bool
    private var lastDraw: UInt64 = 0
    private var drewSomething = false

    public init(label: String, output: FileHandleOutput = .standardError) {
        self.label = TerminalText.escaped(label)
        self.output = output
        enabled = output.isTerminal
    }

    /// Shows `done` of `total` units (bytes); a spinner-like count when the total is unknown.
    public func update(done: Int, total: Int?) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDraw > 100_000_000 else { return }
        lastDraw = now
        drewSomething = true
        let megabytes = String(format: "%.1f MB", Double(done) / 1_000_000)
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            output.write("\r\(label) [\(bar)] \(Int(fraction * 100))% \(megabytes)\u{1B}[K")
        } else {
            output.write("\r\(label) \(megabytes) read\u{1B}[K")
        }
    }

    /// Replaces the bar with a few words on what is being done now, drawn at once.
    public func say(_ text: String) {
        guard enabled else { return }
        drewSomething = true
        lastDraw = DispatchTime.now().uptimeNanoseconds
        output.write("\r\(label) \(text)\u{1B}[K")
    }

    /// Clears the bar's line.
    public func finish() {
        guard enabled, drewSomething else { return }
        output.write("\r\u{1B}[K")
    }
}
