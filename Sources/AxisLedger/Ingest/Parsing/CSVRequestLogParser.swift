/// Parses a request log written as CSV (RFC 4180 with a header row) into
/// ``RequestAttempt``s, one record at a time (docs/input-formats.md).
///
/// Columns are matched by their exact names (`timestamp`, `orgId`, `endpoint`,
/// `httpStatus`, `method`, `idempotencyKey`, `requestId`, `durationMs`,
/// `retryAfter`, `rateLimitRemaining`); unknown columns are ignored, except that
/// a column whose name says it holds a secret (`Authorization`, `api_key`…) is
/// redacted. An empty cell is an absent value.
///
/// The caller feeds every physical line after the header, blank ones included
/// while ``isInsideQuotedField`` (a blank line there is part of a value).
public struct CSVRequestLogParser: Sendable {
    /// A quoted field still open after this many physical lines is rejected with
    /// the lines it took, so that one stray quote cannot swallow a whole file.
    public static let maximumLinesPerRecord = 100

    /// The header's column names, as read (spaces around them trimmed).
    public let columns: [String]
    private let columnOfField: [Int?]
    /// Columns whose name says they hold a secret (``SecretNames``; `key` alone too).
    let sensitiveColumns: [Bool]
    private var splitter = CSVRecordSplitter()
    private var firstLineNumber = 0
    /// An input profile's mapping of a complete record's redacted cells (by column name) to a record;
    /// when set, it replaces the documented columns' checks.
    var cellMapper: (@Sendable (_ columns: [String], _ values: [ArraySlice<UInt8>]) -> Result<ParsedRecord, RejectReason>)?

    /// - Throws: ``CSVHeaderError`` when the header misses a required column, names a column twice or is empty.
    /// - Parameter requiringContractColumns: false when an input profile says where the fields are.
    public init(headerLine: [UInt8], requiringContractColumns: Bool = true) throws(CSVHeaderError) {
        var header = CSVRecordSplitter()
        guard header.append(headerLine) else { throw .unclosedQuote }
        guard !header.hasTooManyFields else { throw .tooManyColumns(header.fieldCount) }
        let names = header.fields.map { range in
            String(decoding: header.value(range), as: UTF8.self).trimmingASCIIWhitespace()
        }
        guard names.contains(where: { !$0.isEmpty }) else { throw .empty }
        var firstColumn: [String: Int] = [:]
        for (index, name) in names.enumerated() where !name.isEmpty {
            if let first = firstColumn[name] { throw .duplicateColumn(name, first: first + 1, second: index + 1) }
            firstColumn[name] = index
        }
        for required in Field.names.prefix(4) where requiringContractColumns && firstColumn[required] == nil {
            throw .missingColumn(required, found: names)
        }
        columns = names
        columnOfField = Field.names.map { firstColumn[$0] }
        sensitiveColumns = names.map { SecretNames.isSensitive($0) || SecretNames.isBareKey($0.utf8) }
    }

    /// Whether the last line fed left a quoted field open (the next line continues it).
    public var isInsideQuotedField: Bool { splitter.isInsideQuotedField }

    /// Feed one physical line (without line ending) with its 1-based line
    /// number and how it ended (the ending joins it to the next line when a
    /// quoted field holds the break, so the value keeps the bytes as written).
    /// - Returns: nil while a quoted field continues onto the next line; otherwise the finished record.
    public mutating func feed(_ line: [UInt8], lineNumber: Int, endedBy ending: LineEnding = .lineFeed) -> CSVRow? {
        if splitter.isEmpty { firstLineNumber = lineNumber }
        if splitter.append(line, endedBy: ending) { return takeRow(.complete) }
        guard splitter.lineCount < Self.maximumLinesPerRecord else { return takeRow(.tooManyLines) }
        return nil
    }

    /// Feed a physical line that the reader cut at its limit (its first
    /// bytes, and its length as read) while ``isInsideQuotedField``: the
    /// record cannot be followed past the cut, so it ends here, rejected
    /// with its first bytes like any record over the limit.
    public mutating func feedCutLine(_ prefix: [UInt8], fullLength: Int, lineNumber: Int) -> CSVRow {
        if splitter.isEmpty { firstLineNumber = lineNumber }
        splitter.appendCut(prefix, fullLength: fullLength)
        return takeRow(.cutLine(lineNumber))
    }

    /// At end of input: a record left open by an unterminated quoted field, as a reject.
    public mutating func finish() -> CSVRow? {
        splitter.isEmpty ? nil : takeRow(.endOfInput)
    }

    /// Why a record ended: all of it read, or its quoted field still open.
    private enum RecordEnd: Equatable {
        case complete, tooManyLines, endOfInput
        /// At this line, which was over the line limit.
        case cutLine(Int)
    }

    private mutating func takeRow(_ end: RecordEnd) -> CSVRow {
        let open = end != .complete
        let ranges = splitter.keptFields(includingOpen: open)
        let (stored, values) = redacted(ranges)
        let result: Result<RequestAttempt, RejectReason>
        if splitter.isCut {
            result = .failure(.short(cutReason(end, kept: stored.count)))
        } else if open {
            result = .failure(.short("CSV " + openQuote(end)))
        } else if cellMapper != nil {
            result = .failure(.short("mapped by the input profile"))
        } else {
            result = Result { () throws(RejectReason) in try attempt(values) }
        }
        var row = CSVRow(firstLineNumber: firstLineNumber, lineCount: splitter.lineCount, storedLine: stored, result: result)
        if let cellMapper {
            if open || splitter.isCut {
                row.mapped = result.map { .request($0) }
            } else if let problem = splitter.problem {
                row.mapped = .failure(.short(problem))
            } else if values.count != columns.count {
                row.mapped = .failure(.short("CSV row has \(values.count) field\(values.count == 1 ? "" : "s"), the header has \(columns.count)"))
            } else {
                row.mapped = cellMapper(columns, values)
            }
        }
        splitter.reset()
        return row
    }

    /// Where the open quoted field started and why the record ended without it closing.
    private func openQuote(_ end: RecordEnd) -> String {
        let start = "quoted field \(splitter.fieldCount + 1) opened on line \(firstLineNumber + splitter.openFieldLine)"
        switch end {
        case .complete, .tooManyLines: return "\(start) is still open after \(splitter.lineCount) lines (a stray quote?)"
        case .endOfInput: return "\(start) is not closed before the end of the input"
        case .cutLine(let line): return "\(start) runs into line \(line), itself over the limit"
        }
    }

    /// The reason for a record over ``CSVRecordSplitter/maximumLength`` bytes or ``CSVRecordSplitter/maximumFields`` fields.
    private func cutReason(_ end: RecordEnd, kept: Int) -> String {
        if splitter.hasTooManyFields {
            return "CSV row has more than \(CSVRecordSplitter.maximumFields) fields, the header has \(columns.count); its first \(kept) bytes are kept here"
        }
        let lines = splitter.lineCount
        let size = "CSV record is \(splitter.length) bytes long over \(lines) line\(lines == 1 ? "" : "s"), over the \(CSVRecordSplitter.maximumLength / (1024 * 1024)) MiB limit; its first \(kept) bytes are kept here"
        return end == .complete ? size : size + "; its " + openQuote(end)
    }

    /// The record text to store and its field values, with sensitive columns and
    /// secrets in any cell replaced by `[redacted]`.
    private func redacted(_ ranges: [Range<Int>]) -> (stored: [UInt8], values: [ArraySlice<UInt8>]) {
        var values = ranges.map { splitter.value($0) }
        var changed = Array(repeating: false, count: values.count)
        // In a ragged record a cell may be shifted: count sensitive columns from both ends.
        let shift = values.count - columns.count
        for index in values.indices {
            let value = values[index]
            let isSensitive = sensitiveColumns.indices.contains(index) && sensitiveColumns[index]
                || (shift != 0 && sensitiveColumns.indices.contains(index - shift) && sensitiveColumns[index - shift])
            if isSensitive {
                if !value.isEmpty && !value.starts(with: SecretTextRedactor.marker) {
                    values[index] = SecretTextRedactor.marker[...]
                    changed[index] = true
                }
            } else if let text = SecretTextRedactor.redact(value) {
                values[index] = text[...]
                changed[index] = true
            }
        }
        guard changed.contains(true) else { return (splitter.text, values) }
        var stored: [UInt8] = []
        for index in ranges.indices {
            if index > 0 { stored.append(.comma) }
            stored += changed[index] ? CSVRecordSplitter.encode(values[index]) : Array(splitter.text[ranges[index]])
        }
        return (stored, values)
    }

    private func attempt(_ values: [ArraySlice<UInt8>]) throws(RejectReason) -> RequestAttempt {
        if let problem = splitter.problem { throw .short(problem) }
        guard values.count == columns.count else {
            throw .short("CSV row has \(values.count) field\(values.count == 1 ? "" : "s"), the header has \(columns.count)")
        }
        let cells = Cells(values: values, columnOfField: columnOfField)
        let occurredAt = try FieldRules.timestamp(cells.required(Field.timestamp))
        let orgId = try FieldRules.orgId(cells.required(Field.orgId))
        let endpoint = try cells.required(Field.endpoint)
        let version = try FieldRules.version(ofEndpoint: endpoint)
        let statusCell = try cells.required(Field.httpStatus)
        let status = try FieldRules.httpStatus(FieldRules.decimal(Array(statusCell.utf8)[...]), found: RejectReason.quoted(statusCell))
        var attempt = RequestAttempt(occurredAt: occurredAt, orgId: orgId, endpoint: endpoint, version: version, httpStatus: status)
        attempt.method = try cells.text(Field.method)
        attempt.idempotencyKey = try cells.text(Field.idempotencyKey)
        attempt.requestId = try cells.text(Field.requestId)
        attempt.durationMs = try cells.wholeNumber(Field.durationMs)
        attempt.retryAfterSeconds = try cells.wholeNumber(Field.retryAfter)
        attempt.rateLimitRemaining = try cells.wholeNumber(Field.rateLimitRemaining)
        return attempt
    }

    /// The request-log fields, required ones first.
    private enum Field {
        static let names = ["timestamp", "orgId", "endpoint", "httpStatus", "method", "idempotencyKey", "requestId",
                            "durationMs", "retryAfter", "rateLimitRemaining"]
        static let timestamp = 0, orgId = 1, endpoint = 2, httpStatus = 3, method = 4, idempotencyKey = 5,
                   requestId = 6, durationMs = 7, retryAfter = 8, rateLimitRemaining = 9
    }

    /// The cells of one record by field, with the contract's checks for CSV text.
    private struct Cells {
        let values: [ArraySlice<UInt8>]
        let columnOfField: [Int?]

        func text(_ field: Int) throws(RejectReason) -> String? {
            guard let column = columnOfField[field], !values[column].isEmpty else { return nil }
            let bytes = values[column]
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw .short("\(RejectReason.quoted(Field.names[field])) is not valid UTF-8 text")
            }
            guard !bytes.contains(0) else {
                throw .short("\(RejectReason.quoted(Field.names[field])) contains a NUL character")
            }
            return text
        }

        func required(_ field: Int) throws(RejectReason) -> String {
            guard let text = try text(field) else { throw .missingField(Field.names[field]) }
            return text
        }

        func wholeNumber(_ field: Int) throws(RejectReason) -> Int? {
            guard let text = try text(field) else { return nil }
            return try FieldRules.wholeNumber(Field.names[field], FieldRules.decimal(Array(text.utf8)[...]), found: RejectReason.quoted(text))
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingASCIIWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[first...last])
    }
}
