/// The rows of one statement: its column names in order and its values.
public struct QueryResult: Equatable, Sendable {
    public var columns: [String]
    public var rows: [[QueryValue]]

    public init(columns: [String], rows: [[QueryValue]]) {
        self.columns = columns
        self.rows = rows
    }

    /// What a script of statements none of which returns rows yields.
    public static let empty = QueryResult(columns: [], rows: [])

    /// Whether a column holds numbers only (INTEGER, REAL, or text that is a
    /// plain decimal such as money `12.50`), ignoring NULLs; such columns are
    /// right-aligned. A column of NULLs only is not numeric.
    public func isNumericColumn(_ index: Int) -> Bool {
        var sawNumber = false
        for row in rows {
            switch row[index] {
            case .null: continue
            case .integer, .real: sawNumber = true
            case .text(let text) where MarkdownTable.looksNumeric(text): sawNumber = true
            default: return false
            }
        }
        return sawNumber
    }
}
