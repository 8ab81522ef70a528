/// Aligned columns for a person reading a terminal:
///
/// ```
/// month    org_id    generations
/// -------  --------  -----------
/// 2025-01  org_acme            3
/// (1 row)
/// ```
///
/// Numeric columns are right-aligned, NULL shows as `∅` (an empty string
/// shows as nothing), control characters (C0, DEL, C1) and bidirectional
/// overrides in text show as `\n`, `\r`, `\t` or `\u{…}` (``TerminalText``)
/// so one value stays on one line and cannot drive the terminal, BLOBs show as hex. Widths count
/// characters, so very wide scripts (CJK) may misalign; use `csv` or `json`
/// for programs.
public enum QueryTextTable {
    public static let nullMarker = "∅"

    public static func render(_ result: QueryResult) -> String {
        let count = result.rows.count
        let footer = "(\(count) \(count == 1 ? "row" : "rows"))\n"
        guard !result.columns.isEmpty else { return footer }
        let header = result.columns.map(displayed)
        let body = result.rows.map { row in row.map { value in value.plainText.map(displayed) ?? nullMarker } }
        var widths = header.map(\.count)
        for row in body {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        let rightAligned = result.columns.indices.map(result.isNumericColumn)
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { index, cell in
                let fill = String(repeating: " ", count: widths[index] - cell.count)
                return rightAligned[index] ? fill + cell : cell + fill
            }
            return String(padded.joined(separator: "  ").reversed().drop { $0 == " " }.reversed()) + "\n"
        }
        var text = line(header)
        text += line(widths.map { String(repeating: "-", count: $0) })
        text += body.map(line).joined()
        return text + footer
    }

    /// The text on one line: control characters and bidi overrides written as escapes.
    static func displayed(_ text: String) -> String {
        TerminalText.escaped(text)
    }
}
