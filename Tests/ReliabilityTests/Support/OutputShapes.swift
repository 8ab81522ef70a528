/// Reads report outputs the way a spreadsheet or a Markdown renderer would,
/// to check that hostile values did not change their shape.
enum OutputShapes {
    /// RFC 4180: the records of a CSV text, each a list of cells.
    static func csvRecords(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], cell = ""
        var quoted = false, atCellStart = true
        var characters = Array(text.unicodeScalars)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { cell.unicodeScalars.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    cell.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where atCellStart: quoted = true; atCellStart = false
            case ",": record.append(cell); cell = ""; atCellStart = true
            case "\r" where characters.first == "\n": break
            case "\n": record.append(cell); records.append(record); record = []; cell = ""; atCellStart = true
            default: cell.unicodeScalars.append(c); atCellStart = false
            }
        }
        if !cell.isEmpty || !record.isEmpty { record.append(cell); records.append(record) }
        return records
    }

    /// The cells of a Markdown table row: split at `|` not escaped by a backslash.
    static func markdownCells(_ line: Substring) -> [String] {
        var cells: [String] = [], cell = ""
        var characters = line.trimmingCharacters(in: " ")[...]
        guard characters.first == "|" else { return [] }
        characters.removeFirst()
        while let c = characters.popFirst() {
            if c == "\\", let next = characters.popFirst() { cell.append(c); cell.append(next); continue }
            if c == "|" { cells.append(cell); cell = "" } else { cell.append(c) }
        }
        return cells
    }

    /// The tables of a Markdown text: runs of lines starting with `|`.
    static func markdownTables(_ text: String) -> [[Substring]] {
        var tables: [[Substring]] = [], current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: " ").hasPrefix("|") { current.append(line) } else if !current.isEmpty { tables.append(current); current = [] }
        }
        if !current.isEmpty { tables.append(current) }
        return tables
    }

    /// A spreadsheet evaluates a cell starting with one of these as a formula.
    static func isFormula(_ cell: String) -> Bool {
        guard let first = cell.unicodeScalars.first else { return false }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first)
    }
}

private extension Substring {
    func trimmingCharacters(in set: Character) -> Substring {
        var result = self
        while result.first == set { result.removeFirst() }
        while result.last == set { result.removeLast() }
        return result
    }
}
