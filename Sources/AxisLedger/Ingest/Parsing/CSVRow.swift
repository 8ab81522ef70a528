/// One CSV record of a request log: where it starts, the text as it may be
/// stored (its physical lines joined with `\n`, secrets redacted), and the
/// attempt or the reason it is rejected.
public struct CSVRow: Sendable, Equatable {
    /// The 1-based line number of the record's first physical line.
    public var firstLineNumber: Int
    /// How many physical lines the record spans (more than 1 when a quoted field holds a line break).
    public var lineCount: Int
    public var storedLine: [UInt8]
    public var result: Result<RequestAttempt, RejectReason>
    /// The record an input profile mapped the cells to, when the parser has a ``CSVRequestLogParser/cellMapper``.
    public var mapped: Result<ParsedRecord, RejectReason>?

    public init(firstLineNumber: Int, lineCount: Int = 1, storedLine: [UInt8], result: Result<RequestAttempt, RejectReason>) {
        self.firstLineNumber = firstLineNumber
        self.lineCount = lineCount
        self.storedLine = storedLine
        self.result = result
    }
}
