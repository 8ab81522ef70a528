/// How a physical line of input ended.
///
/// The line reader strips the ending from each line; a CSV record whose
/// quoted field holds a line break spans several lines, and the break is
/// part of the value (RFC 4180), so the record is rejoined with the very
/// bytes that ended each of its lines: CR LF stays CR LF, LF stays LF.
public enum LineEnding: Sendable, Equatable {
    /// `\n`.
    case lineFeed
    /// `\r\n`.
    case carriageReturnLineFeed
    /// The input ended after the line, without a line feed.
    case endOfInput

    /// How many bytes the ending took in the input.
    var byteCount: Int {
        switch self {
        case .lineFeed: return 1
        case .carriageReturnLineFeed: return 2
        case .endOfInput: return 0
        }
    }
}
