/// The lines of a provider file, streamed with the ledger's own line reader
/// (bounded memory, LF or CRLF, a byte-order mark dropped), hashed as they pass
/// so the reconciliation can name the exact bytes it compared.
final class ProviderFileLines {
    let path: String
    private let input: RawInput
    private var reader: LineReader

    /// - Throws: ``ProviderFileError`` when the file cannot be opened.
    init(path: String) throws {
        self.path = path
        do {
            input = try RawInput(path: path)
        } catch let error as IngestError {
            throw ProviderFileError(ProviderFileProblem(file: path, line: nil, message: "cannot read the file (\(Self.reason(error))); check the path"))
        }
        reader = LineReader(source: input)
    }

    deinit { reader.close() }

    /// The next line, or nil at the end of the file.
    func next() throws -> InputLine? {
        do {
            return try reader.next()
        } catch let error as IngestError {
            throw ProviderFileError(ProviderFileProblem(file: path, line: nil, message: "cannot read the file (\(Self.reason(error)))"))
        }
    }

    /// The SHA-256 of the bytes read so far (all of them once ``next()`` returned nil).
    var sha256: String { input.sha256 }

    private static func reason(_ error: IngestError) -> String {
        if case .unreadable(_, let reason) = error { return reason }
        return error.description
    }
}

/// A provider CSV file read as a header and then records of named values.
/// Quoted fields follow RFC 4180 (a record may span lines); blank lines are skipped.
struct ProviderCSVReader {
    /// A record: its first physical line and its values, looked up by column name.
    struct Record {
        var line: Int
        /// The trimmed cells in the header's order.
        var cells: [String]
        /// Each named column's position in ``cells`` (the header's, shared by every record).
        let positions: [String: Int]

        /// The value of `column`, empty when the column is absent.
        subscript(_ column: String) -> String {
            guard let position = positions[column] else { return "" }
            return cells[position]
        }
    }

    let lines: ProviderFileLines
    private(set) var columns: [String] = []
    private var positions: [String: Int] = [:]
    private var splitter = CSVRecordSplitter()

    /// Opens `path` and reads its header, which must name every `required` column.
    /// - Throws: ``ProviderFileError`` for an unreadable file, a missing header or a missing column.
    init(path: String, required: [String], optional: [String]) throws {
        lines = try ProviderFileLines(path: path)
        var headerLine = 0
        while let line = try lines.next() {
            if line.bytes.allSatisfy({ $0 == .space || $0 == .tab }) { continue }
            headerLine = line.number
            var header = CSVRecordSplitter()
            guard header.append(line.bytes) else {
                throw ProviderFileError(ProviderFileProblem(file: path, line: line.number, message: "the header has an unclosed quote"))
            }
            columns = header.fields.map { String(decoding: header.value($0), as: UTF8.self).trimmingASCIISpaces().lowercased() }
            break
        }
        guard headerLine > 0 else {
            throw ProviderFileError(ProviderFileProblem(file: path, line: nil, message: "the file is empty; expected a header line with \(required.joined(separator: ","))"))
        }
        let missing = required.filter { !columns.contains($0) }
        if !missing.isEmpty {
            throw ProviderFileError(ProviderFileProblem(file: path, line: headerLine,
                message: "the header lacks the column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); expected \(required.joined(separator: ",")) (and optionally \(optional.joined(separator: ",")))"))
        }
        for (position, column) in columns.enumerated() where !column.isEmpty {
            if positions.updateValue(position, forKey: column) != nil {
                throw ProviderFileError(ProviderFileProblem(file: path, line: headerLine, message: "the header names the column \(column) twice"))
            }
        }
    }

    /// The next record, or nil at the end; a record whose cell count differs
    /// from the header's is returned as a problem.
    mutating func next() throws -> Result<Record, ProviderFileProblem>? {
        var firstLine = 0
        while let line = try lines.next() {
            if splitter.isEmpty {
                if line.bytes.isEmpty || line.bytes.allSatisfy({ $0 == .space || $0 == .tab }) { continue }
                firstLine = line.number
            }
            guard splitter.append(line.bytes) else { continue }
            defer { splitter.reset() }
            return record(firstLine: firstLine)
        }
        guard !splitter.isEmpty else { return nil }
        defer { splitter.reset() }
        return .failure(ProviderFileProblem(file: lines.path, line: firstLine, message: "a quoted field is not closed before the end of the file"))
    }

    private func record(firstLine: Int) -> Result<Record, ProviderFileProblem> {
        if let problem = splitter.problem {
            return .failure(ProviderFileProblem(file: lines.path, line: firstLine, message: problem))
        }
        let fields = splitter.fields
        guard fields.count == columns.count else {
            return .failure(ProviderFileProblem(file: lines.path, line: firstLine,
                message: "has \(fields.count) cell\(fields.count == 1 ? "" : "s") but the header has \(columns.count) columns"))
        }
        // One string per cell, trimmed as bytes: a usage export has a million records.
        let cells = fields.map { range -> String in
            let value = splitter.value(range)
            guard let first = value.firstIndex(where: { $0 != .space && $0 != .tab }),
                  let last = value.lastIndex(where: { $0 != .space && $0 != .tab }) else { return "" }
            return String(decoding: value[first...last], as: UTF8.self)
        }
        return .success(Record(line: firstLine, cells: cells, positions: positions))
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingASCIISpaces() -> String {
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { $0 != .space && $0 != .tab }),
              let last = bytes.lastIndex(where: { $0 != .space && $0 != .tab }) else { return "" }
        if first == 0 && last == bytes.count - 1 { return self }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
