/// One field of a CSV record, typed so that only text is guarded against
/// spreadsheet formula injection: a number such as `-3` must stay a number.
public enum CSVCell: Equatable, Sendable {
    /// Text from the ledger or a person. Guarded: see ``CSVWriter``.
    case text(String)
    /// A number already formatted (`42`, `-3`, `12.50`), written as is.
    case number(String)
    /// No value: an empty field, distinct from `.text("")`, which is written `""`.
    case null
}

/// Writes CSV records as RFC 4180 says, for files that finance opens in a
/// spreadsheet and programs read back.
///
/// - Fields containing `,`, `"`, CR or LF are quoted and `"` is doubled.
/// - Every record ends with CRLF; the text is UTF-8.
/// - A `.text` cell whose first Unicode scalar is `=`, `+`, `-`, `@`, tab or
///   CR is prefixed with `'`, so that a spreadsheet shows it instead of
///   evaluating it (OWASP "CSV injection"). The first scalar, not the first
///   `Character`: `=` followed by U+0301 or U+200D is one grapheme that is not
///   `=`, and CRLF one that is not CR, yet a spreadsheet reads `=` and CR.
///   `.number` cells are never changed.
/// - `.text("")` is written `""` and `.null` as an empty field, so a reader
///   can tell an empty string from a missing value (as PostgreSQL's CSV does).
public enum CSVWriter {
    /// The characters that make a spreadsheet treat a cell as a formula.
    static let formulaLeaders: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// One record of typed cells, ending with CRLF.
    public static func row(_ cells: [CSVCell]) -> String {
        cells.map(field).joined(separator: ",") + "\r\n"
    }

    /// One record of text cells, ending with CRLF. An empty string is written
    /// as an empty field (all-text rows have no NULL to tell it from).
    public static func row(_ cells: [String]) -> String {
        row(cells.map { $0.isEmpty ? CSVCell.null : .text($0) })
    }

    /// Several records, each ending with CRLF.
    public static func document(_ rows: [[CSVCell]]) -> String {
        rows.map(row).joined()
    }

    static func field(_ cell: CSVCell) -> String {
        switch cell {
        case .null:
            return ""
        case .number(let number):
            return quotedIfNeeded(number)
        case .text(let text):
            if text.isEmpty { return "\"\"" }
            let guarded = text.unicodeScalars.first.map(formulaLeaders.contains) == true ? "'" + text : text
            return quotedIfNeeded(guarded)
        }
    }

    static func quotedIfNeeded(_ text: String) -> String {
        // unicodeScalars: "\r\n" is one Character in Swift, so look at scalars.
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
