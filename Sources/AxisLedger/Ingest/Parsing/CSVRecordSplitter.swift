/// Splits RFC 4180 CSV records into fields, one physical line at a time.
///
/// A record spans several physical lines when a quoted field contains a line
/// break; the lines are joined with `\n` in ``text``. Field ranges point into
/// ``text`` and keep the quotes, so a field can be copied back byte for byte.
/// Only a quote at the start of a field opens a quoted field: a stray quote
/// elsewhere is a ``problem`` of this record and never swallows the next lines.
struct CSVRecordSplitter: Sendable {
    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    private(set) var text: [UInt8] = []
    private(set) var fields: [Range<Int>] = []
    /// The first malformation, worded for a reject reason.
    private(set) var problem: String?
    private(set) var lineCount = 0
    /// The 0-based physical line, within the record, where the open quoted field started.
    private(set) var openFieldLine = 0
    private var fieldStart = 0
    private var state = State.fieldStart

    var isInsideQuotedField: Bool { state == .quoted }
    var isEmpty: Bool { lineCount == 0 }

    /// Appends one physical line (without its line ending).
    /// - Returns: true when the record is complete, false while a quoted field is open.
    mutating func append(_ line: [UInt8]) -> Bool {
        if lineCount > 0 { text.append(.lineFeed) }
        var index = text.count
        text += line
        lineCount += 1
        let end = text.count
        while index < end {
            let byte = text[index]
            switch state {
            case .fieldStart:
                if byte == .quote {
                    state = .quoted
                    openFieldLine = lineCount - 1
                } else if byte == .comma {
                    closeField(at: index)
                } else {
                    state = .unquoted
                }
            case .unquoted:
                if byte == .comma {
                    closeField(at: index)
                } else if byte == .quote, problem == nil {
                    problem = "CSV field \(fields.count + 1) has a quote inside an unquoted field (quote the whole field and double the quote)"
                }
            case .quoted:
                if byte == .quote { state = .quoteInQuoted }
            case .quoteInQuoted:
                if byte == .quote {
                    state = .quoted
                } else if byte == .comma {
                    closeField(at: index)
                } else {
                    if problem == nil { problem = "CSV field \(fields.count + 1) has text after its closing quote" }
                    state = .unquoted
                }
            }
            index += 1
        }
        guard state != .quoted else { return false }
        fields.append(fieldStart..<end)
        return true
    }

    /// The fields so far, the open one included (for a record cut short).
    var fieldsIncludingOpen: [Range<Int>] {
        fields + [fieldStart..<text.count]
    }

    mutating func reset() {
        self = CSVRecordSplitter()
    }

    private mutating func closeField(at comma: Int) {
        fields.append(fieldStart..<comma)
        fieldStart = comma + 1
        state = .fieldStart
    }

    /// A field's value: quotes removed and `""` read as `"` when it is quoted.
    func value(_ range: Range<Int>) -> ArraySlice<UInt8> {
        guard !range.isEmpty, text[range.lowerBound] == .quote else { return text[range] }
        var inner = text[(range.lowerBound + 1)..<range.upperBound]
        if let closing = inner.lastIndex(of: .quote), closing == inner.index(before: inner.endIndex) {
            inner = inner[..<closing]
        }
        guard inner.contains(.quote) else { return inner }
        var out: [UInt8] = []
        out.reserveCapacity(inner.count)
        var index = inner.startIndex
        while index < inner.endIndex {
            out.append(inner[index])
            index += inner[index] == .quote && index + 1 < inner.endIndex && inner[index + 1] == .quote ? 2 : 1
        }
        return out[...]
    }

    /// A value written as a CSV field, quoted only when it must be.
    static func encode(_ value: ArraySlice<UInt8>) -> [UInt8] {
        guard value.contains(where: { $0 == .comma || $0 == .quote || $0 == .lineFeed || $0 == .carriageReturn }) else {
            return Array(value)
        }
        var out: [UInt8] = [.quote]
        for byte in value {
            if byte == .quote { out.append(.quote) }
            out.append(byte)
        }
        out.append(.quote)
        return out
    }
}
