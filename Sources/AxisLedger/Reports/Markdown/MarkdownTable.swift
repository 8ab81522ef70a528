/// Renders a GitHub-flavoured Markdown table whose cells show their text
/// literally, whatever it holds: reports and query results end up in issues
/// and wikis, and a `|` or a newline in an org's data must not break them.
///
/// Cell escaping:
/// - `\`, `|`, `` ` ``, `*`, `[`, `]`, `<`, `>` and `~` are backslash-escaped
///   everywhere; `_` too unless it sits between two letters or digits
///   (`org_acme` stays readable: GFM never emphasises inside a word).
/// - CRLF, LF and CR become `<br>`.
/// - Other control characters (C0, DEL, C1) and bidirectional overrides show
///   as `\t` or `\u{…}` (``TerminalText``): tables are read by people, in a
///   renderer or a terminal, and must not drive or reorder what they see.
/// - A leading `#`, `+`, `-`, `=`, `!` or `:` is escaped unless the cell is a
///   number, so no renderer can take it for a heading, list or rule.
///
/// Columns are padded to a common width (counted in characters) so the
/// source reads as a table too. The output is a function of the input only.
public enum MarkdownTable {
    public enum Alignment: Sendable, Equatable {
        case left, right, center
    }

    /// The table, each line ending with `\n`.
    ///
    /// - Parameters:
    ///   - header: the column names.
    ///   - rows: the cells; a short row is padded with empty cells, extra cells are dropped.
    ///   - alignments: per column; missing entries are `.left`.
    public static func render(header: [String], rows: [[String]], alignments: [Alignment]) -> String {
        let columnCount = header.count
        guard columnCount > 0 else { return "" }
        let escapedHeader = header.map(escape)
        let escapedRows = rows.map { row in
            (0..<columnCount).map { $0 < row.count ? escape(row[$0]) : "" }
        }
        let aligns = (0..<columnCount).map { $0 < alignments.count ? alignments[$0] : .left }
        var widths = escapedHeader.map { max(3, $0.count) }
        for row in escapedRows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        var lines = [line(escapedHeader, widths: widths, alignments: aligns)]
        lines.append("| " + (0..<columnCount).map { delimiter(width: widths[$0], alignment: aligns[$0]) }.joined(separator: " | ") + " |")
        lines += escapedRows.map { line($0, widths: widths, alignments: aligns) }
        return lines.map { $0 + "\n" }.joined()
    }

    static func line(_ cells: [String], widths: [Int], alignments: [Alignment]) -> String {
        "| " + cells.enumerated().map { index, cell in
            pad(cell, to: widths[index], alignment: alignments[index])
        }.joined(separator: " | ") + " |"
    }

    static func pad(_ text: String, to width: Int, alignment: Alignment) -> String {
        let missing = max(0, width - text.count)
        switch alignment {
        case .left: return text + String(repeating: " ", count: missing)
        case .right: return String(repeating: " ", count: missing) + text
        case .center:
            let before = missing / 2
            return String(repeating: " ", count: before) + text + String(repeating: " ", count: missing - before)
        }
    }

    static func delimiter(width: Int, alignment: Alignment) -> String {
        switch alignment {
        case .left: return String(repeating: "-", count: width)
        case .right: return String(repeating: "-", count: width - 1) + ":"
        case .center: return ":" + String(repeating: "-", count: width - 2) + ":"
        }
    }

    static let alwaysEscaped: Set<Unicode.Scalar> = ["\\", "|", "`", "*", "[", "]", "<", ">", "~"]
    static let leadingEscaped: Set<Unicode.Scalar> = ["#", "+", "-", "=", "!", ":"]

    /// The cell's text, escaped as described on ``MarkdownTable``.
    static func escape(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\r" || scalar == "\n" {
                if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                result.append(contentsOf: "<br>".unicodeScalars)
            } else if TerminalText.isUnsafe(scalar) {
                result.append(contentsOf: TerminalText.escape(scalar).unicodeScalars)
            } else if alwaysEscaped.contains(scalar) {
                result.append("\\")
                result.append(scalar)
            } else if scalar == "_" {
                let inWord = index > 0 && index + 1 < scalars.count
                    && isWordCharacter(scalars[index - 1]) && isWordCharacter(scalars[index + 1])
                if !inWord { result.append("\\") }
                result.append(scalar)
            } else if index == 0, leadingEscaped.contains(scalar), !looksNumeric(text) {
                result.append("\\")
                result.append(scalar)
            } else {
                result.append(scalar)
            }
            index += 1
        }
        return String(result)
    }

    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// A plain decimal number: optional sign, digits, optional fraction.
    static func looksNumeric(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(isDigit) else { return false }
        if parts.count == 2 { return !parts[1].isEmpty && parts[1].allSatisfy(isDigit) }
        return true
    }

    static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }
}
