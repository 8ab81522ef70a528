/// Help screens end with their examples: the argument parser prints a
/// command's discussion (where the examples are written) before the usage
/// line and the options, so the `Examples:` paragraph is moved to the end,
/// where a reader who has just read the options looks for them.
enum HelpText {
    static let examplesHeading = "Examples:\n"

    static func examplesLast(_ help: String) -> String {
        guard let start = help.range(of: "\n\n" + examplesHeading) else { return help }
        let rest = help[start.upperBound...]
        let end = rest.range(of: "\n\n")?.lowerBound ?? help.endIndex
        let block = help[help.index(start.lowerBound, offsetBy: 2)..<end]
        var trimmed = String(help[..<start.lowerBound]) + String(help[end...])
        while trimmed.hasSuffix("\n") { trimmed.removeLast() }
        return trimmed + "\n\n" + block.trimmingTrailingNewlines()
    }
}

private extension Substring {
    func trimmingTrailingNewlines() -> Substring {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
