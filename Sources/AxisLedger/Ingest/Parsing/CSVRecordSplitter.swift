/// Splits RFC 4180 CSV records into fields, one physical line at a time.
///
/// A record spans several physical lines when a quoted field contains a line
/// break; the lines are rejoined in ``text`` with the ending each one had in
/// the input (CR LF or LF), since the break is part of the value and the
/// ledger stores what was written. Field ranges point into ``text`` and keep
/// the quotes, so a field can be copied back byte for byte.
/// Only a quote at the start of a field opens a quoted field: a stray quote
/// elsewhere is a ``problem`` of this record and never swallows the next lines.
///
/// A record longer than ``maximumLength`` bytes in all, or with more than
/// ``maximumFields`` fields, ``isCut``: only its first ``keptPrefix`` bytes
/// stay in ``text`` and its field ranges end there, while the rest is still
/// scanned for its quotes. One stray quote over lines of 15 MiB each, or a
/// line of sixteen million commas, then costs no more memory than a line.
struct CSVRecordSplitter: Sendable {
    /// The most bytes a record keeps whole: the line reader's limit for one line (``LineReader/maximumLineLength``).
    static let maximumLength = 16 * 1024 * 1024
    /// What a cut record keeps, as for a cut line (``LineReader/keptPrefixOfLongLine``).
    static let keptPrefix = 4096
    /// Far more than any request log has columns; the ranges of more would take more memory than the record.
    static let maximumFields = 10_000

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    private(set) var text: [UInt8] = []
    private(set) var fields: [Range<Int>] = []
    /// The first malformation, worded for a reject reason.
    private(set) var problem: String?
    private(set) var lineCount = 0
    /// The 0-based physical line, within the record, where the open quoted field started.
    private(set) var openFieldLine = 0
    /// The record's length as written, line breaks inside it included, even past a cut.
    private(set) var length = 0
    /// How many fields the record has so far, even past ``maximumFields``.
    private(set) var fieldCount = 0
    /// Whether the record went over ``maximumLength`` or ``maximumFields`` and keeps only its prefix.
    private(set) var isCut = false
    private var fieldStart = 0
    private var state = State.fieldStart
    /// How the last line appended ended: the bytes that join it to the next.
    private var lastEnding = LineEnding.lineFeed

    var isInsideQuotedField: Bool { state == .quoted }
    var isEmpty: Bool { lineCount == 0 }
    var hasTooManyFields: Bool { fieldCount > Self.maximumFields }

    /// Appends one physical line (without its line ending) and says how it ended.
    /// - Returns: true when the record is complete, false while a quoted field is open.
    mutating func append(_ line: [UInt8], endedBy ending: LineEnding = .lineFeed) -> Bool {
        if lineCount > 0 { keepLineBreak() }
        let offset = length
        keep(line)
        lineCount += 1
        lastEnding = ending
        line.withUnsafeBufferPointer { bytes in
            for (index, byte) in bytes.enumerated() {
                switch state {
                case .fieldStart:
                    if byte == .quote {
                        state = .quoted
                        openFieldLine = lineCount - 1
                    } else if byte == .comma {
                        closeField(at: offset + index)
                    } else {
                        state = .unquoted
                    }
                case .unquoted:
                    if byte == .comma {
                        closeField(at: offset + index)
                    } else if byte == .quote, problem == nil {
                        problem = "CSV field \(fieldCount + 1) has a quote inside an unquoted field (quote the whole field and double the quote)"
                    }
                case .quoted:
                    if byte == .quote { state = .quoteInQuoted }
                case .quoteInQuoted:
                    if byte == .quote {
                        state = .quoted
                    } else if byte == .comma {
                        closeField(at: offset + index)
                    } else {
                        if problem == nil { problem = "CSV field \(fieldCount + 1) has text after its closing quote" }
                        state = .unquoted
                    }
                }
            }
        }
        guard state != .quoted else { return false }
        addField(fieldStart..<length)
        return true
    }

    /// Appends a physical line the reader cut at its limit (`prefix` of a
    /// line `fullLength` bytes long). What follows the cut is unknown, so the
    /// caller ends the record here; it is cut and keeps its prefix.
    mutating func appendCut(_ prefix: [UInt8], fullLength: Int) {
        if lineCount > 0 { keepLineBreak() }
        keep(prefix)
        length += fullLength - prefix.count
        lineCount += 1
        cut()
    }

    /// The fields so far, the open one included (for a record cut short).
    var fieldsIncludingOpen: [Range<Int>] {
        fields + (hasTooManyFields ? [] : [fieldStart..<length])
    }

    /// The ranges of the fields that lie in ``text``, the open one included
    /// when asked: all of them, or those of a cut record's prefix, the last one cut too.
    func keptFields(includingOpen: Bool) -> [Range<Int>] {
        let all = includingOpen ? fieldsIncludingOpen : fields
        guard isCut else { return all }
        return all.filter { $0.lowerBound < text.count }.map { $0.clamped(to: 0..<text.count) }
    }

    mutating func reset() {
        self = CSVRecordSplitter()
    }

    private mutating func closeField(at comma: Int) {
        addField(fieldStart..<comma)
        fieldStart = comma + 1
        state = .fieldStart
    }

    private mutating func addField(_ range: Range<Int>) {
        fieldCount += 1
        if fieldCount <= Self.maximumFields { fields.append(range) } else { cut() }
    }

    /// The line break between the last line and the next, as it was written.
    private mutating func keepLineBreak() {
        switch lastEnding {
        case .lineFeed: keep([.lineFeed])
        case .carriageReturnLineFeed: keep([.carriageReturn, .lineFeed])
        case .endOfInput: break
        }
    }

    private mutating func keep(_ bytes: [UInt8]) {
        length += bytes.count
        if !isCut, length > Self.maximumLength { cut() }
        if isCut {
            let room = Self.keptPrefix - text.count
            if room > 0 { text += bytes.prefix(room) }
        } else {
            text += bytes
        }
    }

    private mutating func cut() {
        isCut = true
        if text.count > Self.keptPrefix { text.removeSubrange(Self.keptPrefix...) }
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
