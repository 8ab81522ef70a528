/// How the `sql` command prints a ``QueryResult``. Every format is a
/// function of the result only, so the same query on the same ledger prints
/// the same bytes.
public enum QueryOutputFormat: String, CaseIterable, Sendable {
    /// Aligned columns for a person at a terminal (see ``QueryTextTable``).
    case table
    /// RFC 4180 with a header row (see ``CSVWriter``): INTEGER and REAL are
    /// numbers, NULL an empty field, `''` a quoted empty field, BLOB hex text.
    case csv
    /// One array of objects (see ``QueryJSON``).
    case json
    /// A GitHub-flavoured table (see ``MarkdownTable``), NULL shown as `∅`.
    case markdown

    /// The default: `table` for a terminal, `csv` for a pipe or file.
    public static func standard(outputIsTerminal: Bool) -> QueryOutputFormat {
        outputIsTerminal ? .table : .csv
    }

    public func render(_ result: QueryResult) -> String {
        switch self {
        case .table:
            return QueryTextTable.render(result)
        case .csv:
            guard !result.columns.isEmpty else { return "" }
            return CSVWriter.row(result.columns.map(CSVCell.text)) + result.rows.map { row in
                CSVWriter.row(row.map(Self.csvCell))
            }.joined()
        case .json:
            return QueryJSON.render(result)
        case .markdown:
            let alignments = result.columns.indices.map { result.isNumericColumn($0) ? MarkdownTable.Alignment.right : .left }
            return MarkdownTable.render(
                header: result.columns,
                rows: result.rows.map { $0.map { $0.plainText ?? QueryTextTable.nullMarker } },
                alignments: alignments)
        }
    }

    static func csvCell(_ value: QueryValue) -> CSVCell {
        switch value {
        case .null: return .null
        case .integer, .real: return .number(value.plainText ?? "")
        case .text, .blob: return .text(value.plainText ?? "")
        }
    }
}
