/// The outcome of one line: the line as it may be stored (secrets redacted)
/// and the record, or the reason it is rejected.
public struct ParsedLine: Sendable, Equatable {
    /// The input line with every secret replaced by `[redacted]`; the same bytes when there was none.
    public var storedLine: [UInt8]
    public var result: Result<ParsedRecord, RejectReason>

    public init(storedLine: [UInt8], result: Result<ParsedRecord, RejectReason>) {
        self.storedLine = storedLine
        self.result = result
    }
}
